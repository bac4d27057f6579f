import { type Kysely, sql } from 'kysely';

const BUILT_IN = ['facilitator', 'host', 'food', 'calendar', 'timekeeper', 'observer'];
const NAMES: Record<string, string> = {
  facilitator: 'Facilitator',
  host: 'Host / venue',
  food: 'Food and drinks',
  calendar: 'Calendar keeper',
  timekeeper: 'Timekeeper',
  observer: 'Observer',
};

/** Meetings: schedules, venues, roles and the rota, swaps, RSVPs, attendance; calendars; mail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('groups')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await db.schema
    .alterTable('groups')
    .addColumn('meeting_minutes', 'integer', (c) => c.notNull().defaultTo(90))
    .execute();
  await db.schema
    .alterTable('groups')
    .addColumn('lateness_policy', 'text', (c) => c.notNull().defaultTo('noted'))
    .execute();

  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('rrule', 'text', (c) => c.notNull())
    .addColumn('start_local', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('planned_count', 'integer')
    .addColumn('until_date', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.references('meeting_series.id').onDelete('set null'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('original_starts_at', 'text')
    .addColumn('change_note', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('venue_kind', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text')
    .addColumn('venue_address', 'text')
    .addColumn('access_notes', 'text')
    .addColumn('online_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_group_idx')
    .on('meetings')
    .columns(['group_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('meetings_start_idx').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('group_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('key', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('group_roles_group_idx')
    .on('group_roles')
    .column('group_id')
    .execute();

  await db.schema
    .createTable('role_not_ready')
    .addColumn('role_id', 'text', (c) =>
      c.notNull().references('group_roles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_not_ready_pk', ['role_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('meeting_roles')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('role_id', 'text', (c) =>
      c.notNull().references('group_roles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('pinned_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_roles_pk', ['meeting_id', 'role_id'])
    .execute();
  await db.schema
    .createIndex('meeting_roles_user_idx')
    .on('meeting_roles')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('role_swaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('role_id', 'text', (c) =>
      c.notNull().references('group_roles.id').onDelete('cascade'),
    )
    .addColumn('from_user', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('to_user', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('role_swaps_meeting_idx')
    .on('role_swaps')
    .column('meeting_id')
    .execute();

  await db.schema
    .createTable('rsvps')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rsvps_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('preferences', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  // Every existing group gets the built-in role catalogue.
  const groups = await sql<{
    id: string;
    created_at: string;
  }>`select id, created_at from groups`.execute(db);
  for (const group of groups.rows) {
    for (const [position, key] of BUILT_IN.entries()) {
      await sql`insert into group_roles (id, group_id, key, name, description, position, paused_at, created_at)
        values (${`${group.id}:${key}`}, ${group.id}, ${key}, ${NAMES[key]}, ${null}, ${position}, ${null}, ${group.created_at})`.execute(
        db,
      );
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'email_outbox',
    'email_preferences',
    'calendar_feeds',
    'attendance',
    'rsvps',
    'role_swaps',
    'meeting_roles',
    'role_not_ready',
    'group_roles',
    'meetings',
    'meeting_series',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['lateness_policy', 'meeting_minutes', 'time_zone']) {
    await db.schema.alterTable('groups').dropColumn(column).execute();
  }
}
