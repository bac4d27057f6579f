import type { Kysely } from 'kysely';

/**
 * One lease per node instead of one per person: a node that is alive renews its own row, and
 * the presence of everyone connected to it lasts while it does. Renewing had been an update of
 * every connected person's row (ten thousand rows on a busy evening) every third of the grace
 * period. When a node's lease lapses (it died), any node ends the leases of the people it held,
 * and they are gone like anyone whose lease ran out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_nodes')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('alive_until', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('live_presence_node')
    .on('live_presence')
    .columns(['node_id', 'connected'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('live_presence_node').execute();
  await db.schema.dropTable('live_nodes').execute();
}
