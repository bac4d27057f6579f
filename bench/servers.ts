/** What several benchmarks start: a bare node:http baseline, and a PostgreSQL database for a run. */
import { spawn } from 'node:child_process';
import { pinned } from '../test/helpers/spawnNode';

/** The baseline: node:http answering one fixed body, in its own process (on `cpu`, if given). */
export function startBare(
  body: string,
  cpu: number | undefined,
): Promise<{ url: string; stop: () => void }> {
  const [command, args] = pinned(cpu, [process.execPath, 'bench/bareServer.mjs']);
  const child = spawn(command, args, {
    env: { ...process.env, BODY: body },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /running at (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
  });
}

/** A new, empty PostgreSQL database for the run, dropped afterwards; null when there is none. */
export async function postgresDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
} | null> {
  const base =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const name = `hearth_bench_${process.pid}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    process.stdout.write(
      `No PostgreSQL at ${base} (${error instanceof Error ? error.message : error}): its row is skipped. Set BENCH_DATABASE_URL.\n`,
    );
    return null;
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
