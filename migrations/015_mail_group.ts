import type { Kysely } from 'kysely';

/**
 * Which group a mail is about (null for mail about an account): an administrator reading a
 * group's mail in the outbox is recorded in that group's record, where its members see it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').addColumn('group_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('group_id').execute();
}
