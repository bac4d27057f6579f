/** SQL for presence leases in live rooms (see migrations 010 and 021). */
import type { Kysely } from 'kysely';
import type { Database, LivePresenceTable } from '../tables';

/** The lease of someone connected: it lasts as long as their node's own lease does. */
export const HELD_BY_NODE = Number.MAX_SAFE_INTEGER;

/** Takes a node's lease on a person's presence in a room, held while they stay connected. */
export async function holdLease(
  db: Kysely<Database>,
  row: Omit<LivePresenceTable, 'lease_until' | 'connected'>,
): Promise<void> {
  await db
    .insertInto('live_presence')
    .values({ ...row, lease_until: HELD_BY_NODE, connected: 1 })
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'user_id', 'node_id']).doUpdateSet({
        lease_until: HELD_BY_NODE,
        name: row.name,
        observer: row.observer,
        connected: 1,
      }),
    )
    .execute();
}

/** Takes or renews a node's own lease: one row, however many people are connected to it. */
export async function renewNode(
  db: Kysely<Database>,
  nodeId: string,
  until: number,
): Promise<void> {
  await db
    .insertInto('live_nodes')
    .values({ node_id: nodeId, alive_until: until })
    .onConflict((oc) => oc.column('node_id').doUpdateSet({ alive_until: until }))
    .execute();
}

/**
 * Ends the leases held by nodes whose own lease lapsed by `now` (they died): their people's
 * leases end when the node's did, and the node is forgotten. Any node may do it, and twice is
 * harmless.
 */
export async function endLapsedNodes(db: Kysely<Database>, now: number): Promise<void> {
  const lapsed = await db
    .selectFrom('live_nodes')
    .select(['node_id', 'alive_until'])
    .where('alive_until', '<', now)
    .execute();
  for (const node of lapsed) {
    await db
      .updateTable('live_presence')
      .set({ lease_until: node.alive_until, connected: 0 })
      .where('node_id', '=', node.node_id)
      .where('connected', '=', 1)
      .execute();
    await db
      .deleteFrom('live_nodes')
      .where('node_id', '=', node.node_id)
      .where('alive_until', '=', node.alive_until)
      .execute();
  }
}

/** Shortens a lease: the person's last connection to this node closed. */
export async function endLease(
  db: Kysely<Database>,
  key: { meetingId: string; userId: string; nodeId: string },
  until: number,
): Promise<void> {
  await db
    .updateTable('live_presence')
    .set({ lease_until: until, connected: 0 })
    .where('meeting_id', '=', key.meetingId)
    .where('user_id', '=', key.userId)
    .where('node_id', '=', key.nodeId)
    .execute();
}

export interface LapsedPresence {
  meeting_id: string;
  user_id: string;
  name: string;
  observer: number;
}

/** People whose every lease in a room has run out by `now`. */
export async function listLapsed(
  db: Kysely<Database>,
  now: number,
  limit = 200,
): Promise<LapsedPresence[]> {
  // Starts from the lapsed rows (the lease index), never a scan of everyone present.
  return db
    .selectFrom('live_presence as p')
    .select(['p.meeting_id', 'p.user_id', 'p.name', 'p.observer'])
    .where('p.lease_until', '<', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('live_presence as q')
            .select('q.node_id')
            .whereRef('q.meeting_id', '=', 'p.meeting_id')
            .whereRef('q.user_id', '=', 'p.user_id')
            .where('q.lease_until', '>=', now),
        ),
      ),
    )
    .limit(limit)
    .execute();
}

/**
 * Removes a person's lapsed leases in a room; true when this call removed them (so exactly
 * one node marks the person gone) and no live lease remains.
 */
export async function clearLapsed(
  db: Kysely<Database>,
  meetingId: string,
  userId: string,
  now: number,
): Promise<boolean> {
  const removed = await db
    .deleteFrom('live_presence')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .where('lease_until', '<', now)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return false;
  const live = await db
    .selectFrom('live_presence')
    .select('node_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return live === undefined;
}
