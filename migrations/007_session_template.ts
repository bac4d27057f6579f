import type { Kysely } from 'kysely';

/** The live-session agenda a group last chose (a shipped template's id), for next time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').addColumn('session_template', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('session_template').execute();
}
