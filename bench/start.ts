/**
 * `npm run bench:start`: how long from launching `npm start`'s command to a healthy
 * `/healthz`, on a fresh data directory each time (so migrations run), against a bare
 * node:http server launched and polled the same way in the same run.
 * Target: Hearth is healthy in under half a second.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { table, writePerformanceSection } from './performanceDoc';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TARGET_MS = 500;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Milliseconds from spawning the command to its first 200 from `/healthz`. */
async function timeToHealthy(args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/healthz`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    while (!(await healthy(url))) {
      if (exited) throw new Error(`${args.join(' ')} exited before it was healthy`);
      if (performance.now() - started > 30_000) throw new Error(`${args.join(' ')}: no answer`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    if (!exited) await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function hearthOnce(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-start-'));
  try {
    return await timeToHealthy(['scripts/start.mjs'], { DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The first start may build what is missing (the web app, the server); it is not counted.
process.stdout.write('Warming up (a first start builds anything missing)…\n');
await hearthOnce();
await timeToHealthy(['bench/bareServer.mjs'], {});

const bare: number[] = [];
const hearth: number[] = [];
// Alternate the two so a noisy moment on the machine hits both alike.
for (let i = 0; i < RUNS; i++) {
  bare.push(await timeToHealthy(['bench/bareServer.mjs'], {}));
  hearth.push(await hearthOnce());
}

const rows = [
  ['bare node:http', Math.round(median(bare)), Math.round(Math.min(...bare)), '1.0'],
  [
    'Hearth (`npm start`, SQLite, fresh data directory)',
    Math.round(median(hearth)),
    Math.round(Math.min(...hearth)),
    (median(hearth) / median(bare)).toFixed(1),
  ],
];
const output = table(['process', 'median ms', 'fastest ms', 'ratio'], rows);
const verdict = median(hearth) < TARGET_MS ? 'meets' : 'misses';
process.stdout.write(
  `\n${output}\n\nTarget under ${TARGET_MS} ms to a healthy /healthz: ${verdict} (${Math.round(median(hearth))} ms).\n`,
);
writePerformanceSection(
  'bench:start',
  `## Starting (\`npm run bench:start\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}: from spawning the process to the first 200 from \`/healthz\`, polled every 2 ms, ${RUNS} runs each, alternating with a bare node:http server launched the same way. Each Hearth run starts on a new, empty data directory, so it creates the SQLite database and runs every migration.

${output}

Target: under ${TARGET_MS} ms — **${verdict}** (median ${Math.round(median(hearth))} ms).`,
);
