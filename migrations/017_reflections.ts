import type { Kysely } from 'kysely';

/**
 * Check-out reflections: how a session was for each person (a word or a line, and an optional
 * 1–5), kept for the group's review, shared with the group only if the person chooses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_reflections')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_reflections_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('session_reflections_user')
    .on('session_reflections')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_reflections').execute();
}
