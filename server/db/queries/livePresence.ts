/** SQL for presence leases in live rooms (see migration 010). */
import type { Kysely } from 'kysely';
import type { Database, LivePresenceTable } from '../tables';

/** Takes or renews a node's lease on a person's presence in a room. */
export async function holdLease(db: Kysely<Database>, row: LivePresenceTable): Promise<void> {
  await db
    .insertInto('live_presence')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'user_id', 'node_id']).doUpdateSet({
        lease_until: row.lease_until,
        name: row.name,
        observer: row.observer,
        connected: 1,
      }),
    )
    .execute();
}

/** Renews, in one statement, every lease this node holds for people still connected to it. */
export async function renewLeases(
  db: Kysely<Database>,
  nodeId: string,
  until: number,
): Promise<void> {
  await db
    .updateTable('live_presence')
    .set({ lease_until: until })
    .where('node_id', '=', nodeId)
    .where('connected', '=', 1)
    .execute();
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
