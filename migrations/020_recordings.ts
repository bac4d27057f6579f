import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Recordings of the call, made with everyone's consent (core/domain/recording.ts):
 * - how long a group keeps them (`groups.recording_retention_days`);
 * - each person's track of a recording: who, when it started, what has arrived, whether they
 *   erased it (an erased track refuses slices still waiting on a device);
 * - the slices each device uploads (a few seconds of its own microphone each), kept in the
 *   database so that every node sees them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('groups')
    .addColumn('recording_retention_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();

  await db.schema
    .createTable('recording_tracks')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('slices', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .addPrimaryKeyConstraint('recording_tracks_pk', ['meeting_id', 'recording_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('recording_tracks_group')
    .on('recording_tracks')
    .columns(['group_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('recording_tracks_user')
    .on('recording_tracks')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('recording_slices')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', postgres ? sql`bytea` : 'blob', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_slices_pk', [
      'meeting_id',
      'recording_id',
      'user_id',
      'seq',
    ])
    .addForeignKeyConstraint(
      'recording_slices_track',
      ['meeting_id', 'recording_id', 'user_id'],
      'recording_tracks',
      ['meeting_id', 'recording_id', 'user_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recording_slices').execute();
  await db.schema.dropTable('recording_tracks').execute();
  await db.schema.alterTable('groups').dropColumn('recording_retention_days').execute();
}
