import type { Kysely } from 'kysely';

/**
 * Presence in live sessions, kept in the database so it survives a node's death: each node
 * holds a lease for every person connected to it, renewed while they are connected. When the
 * last lease for a person in a room runs out (they left and did not come back within the
 * grace period, or their node died) any node marks them gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_presence')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('observer', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'bigint', (c) => c.notNull())
    // 1 while the person has a socket on the node (the lease is renewed), 0 once it closed.
    .addColumn('connected', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('live_presence_pk', ['meeting_id', 'user_id', 'node_id'])
    .execute();
  await db.schema
    .createIndex('live_presence_lease')
    .on('live_presence')
    .column('lease_until')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_presence').execute();
}
