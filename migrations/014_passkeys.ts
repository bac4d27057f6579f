import type { Kysely } from 'kysely';

/**
 * Passkeys (WebAuthn): each person's credentials, a random 32-byte handle per person that
 * authenticators keep instead of anything identifying, ceremonies' challenges kept here with
 * an expiry (so any node can finish what another began), and when a session last confirmed
 * it is its person (for changes that need it, when they have no password).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    // JSON: what a passkey sign-up will create (address, name, handle).
    .addColumn('payload', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('passkey_handle', 'text').execute();
  await db.schema
    .createIndex('users_passkey_handle')
    .unique()
    .on('users')
    .column('passkey_handle')
    .execute();
  await db.schema.alterTable('sessions').addColumn('confirmed_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('confirmed_at').execute();
  await db.schema.dropIndex('users_passkey_handle').execute();
  await db.schema.alterTable('users').dropColumn('passkey_handle').execute();
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}
