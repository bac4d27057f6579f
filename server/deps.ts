/**
 * What every use case is given: passed in, never looked up. `createDeps` wires them the one
 * way they fit together, for the server, the tests and the benchmarks alike.
 */
import type { Kysely } from 'kysely';
import { type Background, createBackground } from './background';
import { createReadCache, type ReadCache } from './cache/readCache';
import type { Config } from './config';
import type { DialectName } from './db/client';
import type { Database } from './db/tables';
import { type Bus, type BusLog, createMemoryBus, createPostgresBus } from './fanout/bus';
import { createMailTransport, type MailTransport } from './mail/transport';

export interface Deps {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
  /** The clock, so tests can move time. */
  now: () => Date;
  /** Sessions and group snapshots kept in memory while that is safe (see readCache.ts). */
  cache: ReadCache;
  /** Where mail goes; without SMTP_URL it is kept in the outbox. */
  mail: MailTransport;
  /** Announcements to every node: in memory on SQLite, LISTEN/NOTIFY on PostgreSQL. */
  bus: Bus;
  /** Work done after the answer (see background.ts). */
  later: Background;
}

/**
 * Builds the dependencies for one process. On PostgreSQL the cache follows the bus: it is on
 * while this node hears every announcement, forgets what other nodes changed, and starts
 * afresh whenever announcements may have been missed.
 */
export function createDeps(options: {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
  now?: () => Date;
  log?: BusLog;
}): Deps {
  const { config } = options;
  const bus =
    config.database.kind === 'postgres'
      ? createPostgresBus(
          config.database.url,
          options.log ?? { warn() {} },
          config.database.connectTimeoutMs,
        )
      : createMemoryBus();
  const cache = createReadCache(() => bus.state() !== 'reconnecting');
  bus.subscribe((event) => cache.hear(event));
  bus.onReset(() => cache.reset());
  return {
    db: options.db,
    dialect: options.dialect,
    config,
    now: options.now ?? (() => new Date()),
    cache,
    mail: createMailTransport(config.mail),
    bus,
    later: createBackground(),
  };
}
