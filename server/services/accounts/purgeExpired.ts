import { deleteOldIdempotencyKeys } from '../../db/queries/idempotencyKeys';
import { deleteOldRateLimits } from '../../db/queries/rateLimits';
import { deleteExpiredSessions } from '../../db/queries/sessions';
import type { Deps } from '../../deps';

/**
 * Deletes sessions that can no longer be used, rate-limit windows that have passed and
 * idempotency keys older than a day, so no table grows without end. Safe to run on several nodes at once.
 */
export async function purgeExpired(deps: Deps): Promise<void> {
  const now = deps.now();
  const idleSince = new Date(now.getTime() - deps.config.session.idleMs).toISOString();
  await deleteExpiredSessions(deps.db, now.toISOString(), idleSince);
  await deleteOldRateLimits(deps.db, now.getTime() - deps.config.rateLimits.windowMs);
  await deleteOldIdempotencyKeys(deps.db, new Date(now.getTime() - 86_400_000).toISOString());
}
