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
