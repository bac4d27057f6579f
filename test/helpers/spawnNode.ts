/**
 * Starts a real Hearth process, the compiled server `npm start` runs (built first if it is
 * missing or stale), and resolves with its address once it prints its one start-up line.
 * Used by the multi-node tests, the browser suite and the benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { buildServerIfStale } from '../../scripts/buildServer.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/serverFlags.mjs';

export interface RunningNode {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every node started and not yet gone: none outlives this process, even when it fails. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** Starts Hearth; `cpu` pins it to one core (with taskset), as the benchmark does. */
export async function spawnNode(
  env: Record<string, string>,
  options: { cpu?: number } = {},
): Promise<RunningNode> {
  await buildServerIfStale();
  // HEARTH_CPU_PROF=dir writes a CPU profile of each node started into dir when it stops.
  const profile = process.env.HEARTH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HEARTH_CPU_PROF}`]
    : [];
  // HEARTH_NODE_FLAGS adds node's own flags (say --trace-gc or --heap-prof) for a look inside.
  const extra = process.env.HEARTH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const [command, args] = pinned(options.cpu, [
    process.execPath,
    ...SERVER_NODE_FLAGS,
    ...profile,
    ...extra,
    'dist/server/main.mjs',
  ]);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  // HEARTH_NODE_OUTPUT=dir keeps each node's own output (say, what --trace-gc prints) in dir.
  if (process.env.HEARTH_NODE_OUTPUT) {
    const file = createWriteStream(
      path.join(process.env.HEARTH_NODE_OUTPUT, `node-${child.pid}.log`),
    );
    child.stdout.pipe(file);
  }
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hearth did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Hearth is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1].replace('localhost', '127.0.0.1'),
          process: child,
          output: () => output,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Hearth exited with ${code}:\n${output}`));
    });
  });
}

/** The command line, run on one core through taskset when asked and available. */
export function pinned(cpu: number | undefined, argv: string[]): [string, string[]] {
  if (cpu === undefined || !existsSync('/usr/bin/taskset')) return [argv[0] ?? '', argv.slice(1)];
  return ['/usr/bin/taskset', ['-c', String(cpu), ...argv]];
}
