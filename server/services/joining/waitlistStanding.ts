import type { Kysely } from 'kysely';
import { listWaitlist } from '../../db/queries/waitlist';
import type { Database } from '../../db/tables';

/** Where a person stands on a group's waitlist, if they are on it, and how long it is. */
export async function waitlistStanding(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  now: string,
) {
  const queue = await listWaitlist(db, groupId);
  const index = queue.findIndex((w) => w.user_id === userId);
  const entry = queue[index];
  if (!entry) return { length: queue.length, mine: null };
  const offered = entry.offer_expires_at !== null && entry.offer_expires_at > now;
  return {
    length: queue.length,
    mine: {
      position: index + 1,
      joinedAt: entry.joined_at,
      offerExpiresAt: offered ? entry.offer_expires_at : null,
    },
  };
}
