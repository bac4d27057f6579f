import type { Kysely } from 'kysely';

/**
 * The record of a session (issue: the live session, part two):
 * - check-out reflections: how a session was for each person (a word or a line, and an
 *   optional 1–5), kept for the group's review, shared with the group only if they choose;
 * - the observer's notes, which only the observer and the meeting's facilitator read, and the
 *   group's codebook for them;
 * - each small group's own notes, read by its people, and by everyone if they chose to share;
 * - what each logged command amounted to (`live_events.happened`), for the session's timeline;
 * - when the server must next act for a room by itself (`live_rooms.deadline`): small groups'
 *   warnings and closing, found by any node, so they happen even after a node dies.
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

  await db.schema
    .createTable('observer_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('part_id', 'text')
    .addColumn('people', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint')
    .addColumn('span', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('observer_notes_meeting')
    .on('observer_notes')
    .columns(['meeting_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('observer_notes_author')
    .on('observer_notes')
    .column('author_id')
    .execute();
  await db.schema
    .createTable('group_codebooks')
    .addColumn('group_id', 'text', (c) =>
      c.primaryKey().references('groups.id').onDelete('cascade'),
    )
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('small_group_notes')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('breakouts_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('small_group_notes_pk', ['meeting_id', 'breakouts_id', 'group_id'])
    .execute();
  await db.schema.alterTable('live_events').addColumn('happened', 'text').execute();
  // When the server must next act for a room by itself (small groups' warnings and closing).
  await db.schema.alterTable('live_rooms').addColumn('deadline', 'bigint').execute();
  await db.schema.createIndex('live_rooms_deadline').on('live_rooms').column('deadline').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_rooms_deadline').execute();
  await db.schema.alterTable('live_rooms').dropColumn('deadline').execute();
  await db.schema.alterTable('live_events').dropColumn('happened').execute();
  await db.schema.dropTable('small_group_notes').execute();
  await db.schema.dropTable('group_codebooks').execute();
  await db.schema.dropTable('observer_notes').execute();
  await db.schema.dropTable('session_reflections').execute();
}
