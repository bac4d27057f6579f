import type { Kysely } from 'kysely';
import type { ReadCache } from '../cache/readCache';
import type { Config } from '../config';
import type { DialectName } from '../db/client';
import type { Database } from '../db/tables';
import type { LiveHub } from '../live/hub';
import type { MailTransport } from '../mail/transport';

/** What every use case is given: passed in, never looked up. */
export interface Deps {
  db: Kysely<Database>;
  dialect: DialectName;
  config: Config;
  /** The clock, so tests can move time. */
  now: () => Date;
  /** Sessions and group pages kept in memory where that is safe (see readCache.ts). */
  cache: ReadCache;
  /** Where mail goes; without SMTP_URL it is kept in the outbox. */
  mail: MailTransport;
  /** Announces live-room changes to every node (in memory on SQLite, NOTIFY on PostgreSQL). */
  live: LiveHub;
}

/** The signed-in person making a request. */
export interface Viewer {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  createdAt: string;
  isAdmin: boolean;
}
