import type { Kysely } from 'kysely';

/**
 * A group's session agenda: its own phases (JSON), and which agenda it last chose for a
 * session (a shipped template's id, or "group" for its own).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').addColumn('session_template', 'text').execute();
  await db.schema.alterTable('groups').addColumn('session_agenda', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('session_agenda').execute();
  await db.schema.alterTable('groups').dropColumn('session_template').execute();
}
