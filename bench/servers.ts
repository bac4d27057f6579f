/** What several benchmarks start: a bare node:http baseline, and a PostgreSQL database for a run. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
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

/** Autocannon against one URL for a fixed time, 127.0.0.1 only; any refusal or error fails it. */
export async function load(
  url: string,
  cookie: string | undefined,
  seconds: number,
  connections: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Runs `measure` on the embedded SQLite database (in a new folder named after `tag`), then
 * on a PostgreSQL database made for the run and dropped after, when one answers.
 */
export async function onEachDatabase<T>(
  tag: string,
  measure: (label: 'SQLite' | 'PostgreSQL', env: Record<string, string>) => Promise<T>,
): Promise<T[]> {
  const results = [
    await measure('SQLite', { DATA_DIR: mkdtempSync(path.join(tmpdir(), `${tag}-`)) }),
  ];
  const postgres = await postgresDatabase();
  if (postgres) {
    try {
      results.push(await measure('PostgreSQL', { DATABASE_URL: postgres.url }));
    } finally {
      await postgres.drop();
    }
  }
  return results;
}
