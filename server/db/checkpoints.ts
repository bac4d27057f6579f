/**
 * SQLite's write-ahead log is copied back into the database file ("checkpointed") on a
 * worker thread with its own connection, so a checkpoint's reads, writes and fsync never
 * stall the event loop: the connection that serves requests only appends to the log. A
 * passive checkpoint runs often and waits for nobody; now and then one truncates the log
 * file. Should the worker stop, the serving connection's own automatic checkpoint (at a
 * larger size than SQLite's default) keeps the log bounded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages the log may reach before the serving connection checkpoints by itself. */
export const BACKSTOP_PAGES = 20_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 1000');
let rounds = 0;
const timer = setInterval(() => {
  rounds += 1;
  try {
    db.pragma(rounds % workerData.truncateEvery === 0 ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or briefly unavailable: the next round does it.
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpoints {
  stop(): Promise<void>;
}

/** Starts checkpointing `file` on a worker thread: often, and truncating every few minutes. */
export function startCheckpoints(
  file: string,
  options: { everyMs?: number; truncateEveryMs?: number } = {},
): Checkpoints {
  const everyMs = options.everyMs ?? 250;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      everyMs,
      truncateEvery: Math.max(1, Math.round((options.truncateEveryMs ?? 5 * 60_000) / everyMs)),
    },
  });
  // A worker that fails leaves the backstop in charge; it never takes the server down.
  worker.on('error', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      await worker.terminate();
    },
  };
}
