import type { Kysely } from 'kysely';

/**
 * The one-click links in mail can be replaced: each person's links carry a generation, and
 * making a new one (someone else may hold an old mail) stops every older link working.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('mail_link_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('mail_link_generation').execute();
}
