/**
 * Opens the database: the embedded SQLite file by default, PostgreSQL when configured.
 * Both are reached through the same Kysely<Database>; `dialect` is the one explicit flag
 * for the few places where they differ (see ./dialect.ts).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { type Config, ConfigError } from '../config';
import { BACKSTOP_PAGES, startCheckpoints } from './checkpoints';

import type { Database } from './tables';

/**
 * The most memory SQLite's page cache may take, in KiB. Not more: when an insert splits a page,
 * SQLite renumbers the new pages through a stand-in page number far past the end of the file,
 * and the next commit then walks the cache's whole hash table to drop pages past the end. With
 * 64 MiB that walk was 6% of the node's time in the busiest live benchmark, and a commit took
 * 90 µs against 50–70 µs at 8–16 MiB (docs/PERFORMANCE.md, eleventh session).
 */
const PAGE_CACHE_KIB = 16_384;

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

/** Opens the configured database. The PostgreSQL driver is loaded only when it is used. */
export async function openDatabase(database: Config['database']): Promise<Db> {
  if (database.kind === 'postgres') {
    const { default: pg } = await import('pg');
    // PostgreSQL returns int8 (count(*), bigint columns) as strings; every count and epoch we
    // store fits in a double, so read them as numbers, the same shape SQLite gives.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({
      connectionString: database.url,
      max: database.poolSize,
      // A connection that dies while idle must not crash the process.
      idleTimeoutMillis: 30_000,
      // A host that accepts the connection and never answers must not hang a request for ever.
      connectionTimeoutMillis: database.connectTimeoutMs,
    });
    pool.on('error', () => {
      /* the pool drops the broken client and opens a new one on next use */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    } catch (error) {
      await db.destroy().catch(() => {});
      throw new ConfigError(
        `Hearth cannot start: DATABASE_URL: PostgreSQL at ${whereIs(database.url)} did not answer (${describe(error, database.connectTimeoutMs)}).`,
      );
    }
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }

  if (database.file !== ':memory:') writableFolder(path.dirname(database.file));
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite keeps 2 MB of pages by default: a busy evening's live rooms alone (two pages each,
  // and their log's index pages) are several times that, so every change read its room back
  // from the operating system. Up to PAGE_CACHE_KIB, taken only as pages are used.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Checkpoints happen on a worker thread (./checkpoints.ts); this is only the backstop.
  const checkpoints = database.file === ':memory:' ? null : startCheckpoints(database.file);
  if (checkpoints) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/** The host and port of a PostgreSQL URL, never its user or password. */
function whereIs(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'the configured address';
  }
}

function describe(error: unknown, timeoutMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  return /timeout/i.test(message) ? `no answer within ${timeoutMs / 1000} s` : message;
}

/** Makes the data folder if need be, or stops with a message naming DATA_DIR and the path. */
function writableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unusable';
    throw new ConfigError(
      `Hearth cannot start: DATA_DIR: Hearth cannot write to ${folder} (${code}). Set DATA_DIR to a folder Hearth may write to.`,
    );
  }
}

/**
 * Kysely prepares every query anew, and preparing costs more than running a small query.
 * Statements are reusable, and Kysely runs one query at a time on this connection, so keep
 * them by SQL text. The cache is bounded for queries whose text varies (IN lists).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const MAX = 500;
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= MAX) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  } as SqliteDatabase;
}
