import type { Kysely } from 'kysely';

/** Invitations can be sent by mail: keep the address, so stewards see whom they invited. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invites').addColumn('sent_to', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invites').dropColumn('sent_to').execute();
}
