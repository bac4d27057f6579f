/**
 * Migration 022 keys the live command log once, by (room, person, client id), on both
 * databases: the rows are kept, a retried command is still refused a second row, and it can be
 * taken back. Migration 023 adds what the log needs to carry a room between its whole saves.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { type Db, openDatabase } from '../../server/db/client';
import { isPostgres } from '../../server/db/dialect';
import type { Database, LiveEventsTable, LiveRoomsTable } from '../../server/db/tables';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

/** The two tables as they were before migration 023 added to them. */
type Before023 = Omit<Database, 'live_rooms' | 'live_events'> & {
  live_rooms: Omit<LiveRoomsTable, 'saved_version'>;
  live_events: Omit<LiveEventsTable, 'actor' | 'applied'>;
};

let test: TestDatabase;
let handle: Db;
let migrator: Migrator;

beforeAll(async () => {
  test = await createTestDatabase();
  handle = await openDatabase(test.database);
  migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
});

afterAll(async () => {
  await handle.db.destroy();
  await test.drop();
});

async function migrateTo(name: string): Promise<void> {
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

const event = (version: number, client: string) => ({
  meeting_id: 'm1',
  version,
  actor_id: 'u1',
  client_id: client,
  command: '{"type":"join"}',
  at: '2026-11-30T20:00:00.000Z',
  happened: null,
});

/** A room and two logged commands, without the people, group and meeting they would have. */
async function seed(db: Kysely<Before023>): Promise<void> {
  const rows = async (trx: Kysely<Before023>) => {
    await trx
      .insertInto('live_rooms')
      .values({
        meeting_id: 'm1',
        group_id: 'g1',
        version: 2,
        state: '{}',
        created_at: 'then',
        updated_at: 'then',
        deadline: null,
      })
      .execute();
    await trx
      .insertInto('live_events')
      .values([event(1, 'c1'), event(2, 'c2')])
      .execute();
  };
  if (isPostgres(db)) {
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await rows(trx);
    });
  } else {
    await sql`pragma foreign_keys = off`.execute(db);
    await rows(db);
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

const logged = (db: Kysely<Before023>) =>
  db
    .selectFrom('live_events')
    .select(['version', 'client_id'])
    .where('meeting_id', '=', 'm1')
    .orderBy('version')
    .execute();

describe('022_live_log_key', () => {
  it('keeps the log, keys it by person and client id, and can be taken back', async () => {
    const db = handle.db as unknown as Kysely<Before023>;
    await migrateTo('021_live_nodes');
    await seed(db);
    await migrateTo('022_live_log_key');
    expect(await logged(db)).toEqual([
      { version: 1, client_id: 'c1' },
      { version: 2, client_id: 'c2' },
    ]);
    if (!isPostgres(db)) {
      // The key is the table: no other index to write.
      const { rows } = await sql<{
        sql: string;
      }>`select sql from sqlite_master where tbl_name = 'live_events'`.execute(db);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.sql).toMatch(/without rowid/i);
    }
    // A retry is still one row: the insert that logs a command does nothing the second time.
    const retried = await db
      .insertInto('live_events')
      .values(event(3, 'c2'))
      .onConflict((oc) => oc.columns(['meeting_id', 'actor_id', 'client_id']).doNothing())
      .returning('version')
      .execute();
    expect(retried).toEqual([]);
    await expect(db.insertInto('live_events').values(event(3, 'c1')).execute()).rejects.toThrow();

    await migrateTo('021_live_nodes');
    expect(await logged(db)).toEqual([
      { version: 1, client_id: 'c1' },
      { version: 2, client_id: 'c2' },
    ]);
    // Keyed by version again.
    await expect(db.insertInto('live_events').values(event(2, 'c3')).execute()).rejects.toThrow();
    await migrateTo('022_live_log_key');
    expect(await logged(db)).toHaveLength(2);
  });
});

describe('023_live_room_log', () => {
  it('marks every room saved whole, and is taken back only when every room is', async () => {
    const db = handle.db as unknown as Kysely<Before023>;
    await migrateTo('023_live_room_log');
    const room = () =>
      handle.db
        .selectFrom('live_rooms')
        .select(['version', 'saved_version'])
        .where('meeting_id', '=', 'm1')
        .executeTakeFirstOrThrow();
    expect(await room()).toEqual({ version: 2, saved_version: 2 });
    expect(await logged(db)).toHaveLength(2);
    // A room its log carries cannot be read without the code: the migration will not drop it.
    await handle.db.updateTable('live_rooms').set({ saved_version: 1 }).execute();
    await expect(migrateTo('022_live_log_key')).rejects.toThrow(/carried by their command log/);
    expect(await room()).toEqual({ version: 2, saved_version: 1 });
    await handle.db.updateTable('live_rooms').set({ saved_version: 2 }).execute();
    await migrateTo('022_live_log_key');
    expect(await logged(db)).toHaveLength(2);
    await migrateTo('023_live_room_log');
    expect(await room()).toEqual({ version: 2, saved_version: 2 });
  });
});
