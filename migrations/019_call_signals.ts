import type { Kysely } from 'kysely';

/**
 * The call's signalling: a WebRTC offer, answer or ICE candidate on its way from one person
 * in a session to another. Kept a minute at most: NOTIFY carries only the row's id, because
 * an offer can be larger than NOTIFY's payload limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('call_signals_created')
    .on('call_signals')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_signals').execute();
}
