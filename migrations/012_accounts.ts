import { type Kysely, sql } from 'kysely';

/**
 * Accounts people can recover and trust:
 * - `account_tokens`: mailed one-time links (reset a password, confirm an address, confirm a
 *   new address), stored only as a hash, each with a scope and an expiry.
 * - `sign_in_sources`: where a person has signed in successfully from (a device cookie or a
 *   network address, hashed), so failed attempts from elsewhere cannot lock the owner out.
 * - `users.email_verified_at`: when the address was shown to be theirs. Accounts made before
 *   this keep getting mail (`email_trusted`) and count as verified once they use a mailed link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The new address, for a change of email.
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('account_tokens_user_scope')
    .on('account_tokens')
    .columns(['user_id', 'scope'])
    .execute();

  await db.schema
    .createTable('sign_in_sources')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_sources_pk', ['user_id', 'source_hash'])
    .execute();

  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('email_trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update users set email_trusted = 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('email_trusted').execute();
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute();
  await db.schema.dropTable('sign_in_sources').execute();
  await db.schema.dropTable('account_tokens').execute();
}
