/**
 * Composition root: config → database → migrations → HTTP → listen.
 * Every line it prints is a JSON log line, the start line and a failure to start included.
 */
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { migrateToLatest } from './db/migrate';
import { createDeps } from './deps';
import { eraseClosedAccounts } from './services/accounts/closeAccount';
import { purgeExpired } from './services/accounts/purgeExpired';
import { settleDueProposals } from './services/agreement/settleDueProposals';
import { settleDueDecisions } from './services/decisions/settleDueDecisions';
import { settleWaitlists } from './services/joining/settleWaitlists';
import { advanceLifecycles } from './services/lifecycle/advanceLifecycles';
import { deliverOutbox } from './services/mail/deliverOutbox';
import { queueReminders } from './services/mail/queueReminders';
import { expireRecordings } from './services/recordings/expireRecordings';
import { queueSpaceDigests } from './services/space/queueSpaceDigests';

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

const LEVELS = { info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** A log line in the same shape as the server's logger, for before it exists and after. */
function logLine(level: keyof typeof LEVELS, msg: string, extra: object = {}): void {
  const line = JSON.stringify({
    level: LEVELS[level],
    time: Date.now(),
    pid: process.pid,
    hostname: hostname(),
    ...extra,
    msg,
  });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, dialect, close } = await openDatabase(config.database);
  await migrateToLatest(db);
  // The bus logs through the app's logger, which exists once the app is built.
  const late: { log?: FastifyBaseLogger } = {};
  const deps = createDeps({
    db,
    dialect,
    config,
    log: {
      warn: (obj, msg) => (late.log ? late.log.warn(obj, msg) : logLine('warn', msg, obj)),
    },
  });
  const app = await buildApp(deps);
  late.log = app.log;
  // Start listening to the other nodes before serving, so the cache is on from the start.
  await deps.bus.ready();

  // Background jobs. Each runs on every node; the group locks make running twice harmless.
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, what: string, job: () => Promise<unknown>, now = false) => {
    const run = () => void job().catch((err: unknown) => app.log.error({ err }, `${what} failed`));
    if (now) run();
    const timer = setInterval(run, ms);
    timer.unref();
    timers.push(timer);
  };
  // Hourly housekeeping: expired sessions and old rate-limit counts.
  every(60 * 60_000, 'purge', () => purgeExpired(deps), true);
  every(60 * 60_000, 'erasing recordings past their time', () => expireRecordings(deps), true);
  // Every ten minutes: erase closed accounts whose days to undo have passed.
  every(10 * 60_000, 'erasing closed accounts', () => eraseClosedAccounts(deps), true);
  // Every minute: close decisions whose deadline has passed, move groups on in their life
  // as meetings start, pass on waitlist offers that ran out, queue reminders that are due.
  every(60_000, 'settling proposals', () => settleDueProposals(deps));
  every(60_000, 'settling decisions', () => settleDueDecisions(deps));
  every(60_000, 'advancing lifecycles', () => advanceLifecycles(deps));
  every(60_000, 'settling waitlists', () => settleWaitlists(deps));
  every(60_000, 'queueing reminders', () => queueReminders(deps));
  every(10 * 60_000, 'queueing space digests', () => queueSpaceDigests(deps));
  if (deps.mail.kind === 'none') {
    app.log.warn('SMTP_URL is not set: mail is kept in the outbox for administrators to read');
  }
  // Every few seconds (MAIL_INTERVAL_SECONDS), send mail: a reset link should not keep anyone waiting.
  every(deps.config.mail.intervalMs, 'sending mail', () => deliverOutbox(deps, deps.mail, app.log));

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // Whatever holds on (a client that never closes), the process ends within the limit.
    setTimeout(() => {
      app.log.error({ signal }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    for (const timer of timers) clearInterval(timer);
    deps.mail.close();
    await app.close();
    await deps.bus.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.level = config.logLevel;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown =
    config.publicUrl === `http://localhost:${config.port}`
      ? `http://localhost:${port}`
      : config.publicUrl;
  logLine(
    'info',
    `Hearth is running at ${shown} (${dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})`,
    { url: shown, database: dialect },
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  logLine('fatal', error instanceof ConfigError ? message : `Hearth could not start: ${message}`);
  process.exit(1);
});
