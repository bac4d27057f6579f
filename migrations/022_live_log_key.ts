import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The live command log keyed once: by the room, the person and the id their client chose for
 * the command, the key that makes a retried command apply once. It had a second key, the
 * room's version, kept in an index of its own; every change wrote a page of each index, and the
 * second was a fifth of what SQLite spent on a change. Reading a session's log in order sorts
 * one room's rows; a version is still never written twice, as the room's row is saved only
 * from the version it was read at (server/db/queries/liveRooms.ts). On SQLite the table is kept
 * in its key's order (WITHOUT ROWID), so the key is the table and there is no other index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('live_events').dropConstraint('live_events_once').execute();
    await db.schema.alterTable('live_events').dropConstraint('live_events_pk').execute();
    await db.schema
      .alterTable('live_events')
      .addPrimaryKeyConstraint('live_events_pk', ['meeting_id', 'actor_id', 'client_id'])
      .execute();
    return;
  }
  await rebuild(db, ['meeting_id', 'actor_id', 'client_id'], true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('live_events').dropConstraint('live_events_pk').execute();
    await db.schema
      .alterTable('live_events')
      .addPrimaryKeyConstraint('live_events_pk', ['meeting_id', 'version'])
      .execute();
    await db.schema
      .alterTable('live_events')
      .addUniqueConstraint('live_events_once', ['meeting_id', 'actor_id', 'client_id'])
      .execute();
    return;
  }
  await rebuild(db, ['meeting_id', 'version'], false);
}

/** SQLite cannot change a table's key in place: a new table, the rows copied, then renamed. */
async function rebuild(db: Kysely<unknown>, key: string[], keyed: boolean): Promise<void> {
  let table = db.schema
    .createTable('live_events_next')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('live_rooms.meeting_id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('happened', 'text')
    .addPrimaryKeyConstraint('live_events_pk', key as never);
  table = keyed
    ? table.modifyEnd(sql`without rowid`)
    : table.addUniqueConstraint('live_events_once', [
        'meeting_id',
        'actor_id',
        'client_id',
      ] as never);
  await table.execute();
  await sql`insert into live_events_next (meeting_id, version, actor_id, client_id, command, at, happened)
    select meeting_id, version, actor_id, client_id, command, at, happened from live_events`.execute(
    db,
  );
  await db.schema.dropTable('live_events').execute();
  await db.schema.alterTable('live_events_next').renameTo('live_events').execute();
}
