/**
 * Work a request starts but does not wait for: the answer goes out first, so how long the
 * work takes tells the asker nothing (whether an address has an account, say). Each node
 * keeps its pending work and finishes it before it closes; a failure is logged.
 */
export interface Background {
  /** Starts the work after the current answer; errors are logged, never thrown. */
  run(what: string, task: () => Promise<unknown>): void;
  /** Resolves when everything started so far has finished (tests, and closing). */
  settle(): Promise<void>;
  /** Where failures are logged (the app's logger, once it exists). */
  log: { error(details: object, message: string): void };
}

export function createBackground(): Background {
  const pending = new Set<Promise<unknown>>();
  const background: Background = {
    log: { error() {} },
    run(what, task) {
      const work = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch((err: unknown) => background.log.error({ err }, `${what} failed`))
        .finally(() => pending.delete(work));
      pending.add(work);
    },
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
  return background;
}

/**
 * Lets the event loop serve what has come in (live rooms, requests) before bulk work goes on.
 * With SQLite a query answers without waiting for anything, so a job that loops over every
 * group or meeting would otherwise hold the process until it ends: an evening when a thousand
 * groups meet at the same hour queues their reminders in one go, and every live room waited
 * a second for it. Background jobs call this between the items they loop over.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
