import type { Kysely } from 'kysely';

/**
 * The last two parts of the live session, part two:
 * - a group may let any member propose small groups, not only the facilitator
 *   (`groups.members_propose_small_groups`, 1: yes);
 * - an observer from outside the group, invited to one meeting only: an invitation may name
 *   the meeting (`invites.meeting_id`), and accepting it makes the person that meeting's
 *   guest observer (`meeting_observers`), never a member or staff of the group.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('groups')
    .addColumn('members_propose_small_groups', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('invites')
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('meeting_observers')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invite_id', 'text', (c) => c.references('invites.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_observers_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('meeting_observers_user')
    .on('meeting_observers')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meeting_observers').execute();
  await db.schema.alterTable('invites').dropColumn('meeting_id').execute();
  await db.schema.alterTable('groups').dropColumn('members_propose_small_groups').execute();
}
