import type { Kysely } from 'kysely';
import { releaseWaitingMail } from '../db/queries/outbox';
import { markEmailVerified } from '../db/queries/users';
import type { Database } from '../db/tables';

/** Mail that waited longer than this for an address to be confirmed is not sent after all. */
const WAITING_DAYS = 7;

/**
 * The person has shown the address is theirs (they used a link mailed to it): record it the
 * first time, and send what waited for it.
 */
export async function confirmAddress(
  db: Kysely<Database>,
  user: { id: string; email: string },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  if (!(await markEmailVerified(db, user.id, at))) return false;
  const since = new Date(now.getTime() - WAITING_DAYS * 86_400_000).toISOString();
  await releaseWaitingMail(db, user.id, user.email, since, at);
  return true;
}
