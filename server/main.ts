/**
 * Composition root: config → database → migrations → HTTP → listen.
 * Prints one line with the address; everything after that is structured JSON logs.
 */
import { buildApp } from './app';
import { createReadCache } from './cache/readCache';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { migrateToLatest } from './db/migrate';
import { createMailTransport } from './mail/transport';
import { settleDueProposals } from './services/agreement/settleDueProposals';
import type { Deps } from './services/deps';
import { deliverOutbox } from './services/mail/deliverOutbox';
import { queueReminders } from './services/mail/queueReminders';
import { purgeExpired } from './services/purgeExpired';

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, dialect, close } = openDatabase(config.database);
  await migrateToLatest(db);
  const deps: Deps = {
    db,
    dialect,
    config,
    now: () => new Date(),
    cache: createReadCache(dialect === 'sqlite'),
    mail: createMailTransport(config.mail),
  };
  const app = await buildApp(deps);

  // Hourly housekeeping: expired sessions and old rate-limit counts.
  const purge = () =>
    purgeExpired(deps).catch((err: unknown) => app.log.error({ err }, 'purge failed'));
  void purge();
  const purgeTimer = setInterval(purge, 60 * 60_000);
  purgeTimer.unref();
  // Every minute, close the decisions whose deadline has passed.
  const settleTimer = setInterval(
    () =>
      void settleDueProposals(deps).catch((err: unknown) =>
        app.log.error({ err }, 'settling proposals failed'),
      ),
    60_000,
  );
  settleTimer.unref();
  // Every minute, queue the reminders that have come due; every 15 seconds, send mail.
  const remindTimer = setInterval(
    () =>
      void queueReminders(deps).catch((err: unknown) =>
        app.log.error({ err }, 'queueing reminders failed'),
      ),
    60_000,
  );
  remindTimer.unref();
  if (deps.mail.kind === 'none') {
    app.log.warn('SMTP_URL is not set: mail is kept in the outbox for administrators to read');
  }
  const mailTimer = setInterval(
    () =>
      void deliverOutbox(deps, deps.mail, app.log).catch((err: unknown) =>
        app.log.error({ err }, 'sending mail failed'),
      ),
    15_000,
  );
  mailTimer.unref();

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(purgeTimer);
    clearInterval(settleTimer);
    clearInterval(remindTimer);
    clearInterval(mailTimer);
    deps.mail.close();
    await app.close();
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
  process.stdout.write(
    `Hearth is running at ${shown} (${dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Hearth could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
