import type { Kysely } from 'kysely';

/**
 * Closing an account: it is closed at once (`closed_at`), and erased once `erase_after`
 * passes unless the person signs back in first; `erased_at` records that it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('erase_after', 'text').execute();
  await db.schema.alterTable('users').addColumn('erased_at', 'text').execute();
  await db.schema.createIndex('users_erase_after').on('users').column('erase_after').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_erase_after').execute();
  await db.schema.alterTable('users').dropColumn('erased_at').execute();
  await db.schema.alterTable('users').dropColumn('erase_after').execute();
  await db.schema.alterTable('users').dropColumn('closed_at').execute();
}
