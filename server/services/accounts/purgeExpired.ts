import { deleteOldAccountTokens } from '../../db/queries/accountTokens';
import { deleteOldIdempotencyKeys } from '../../db/queries/idempotencyKeys';
import { deleteOldChallenges } from '../../db/queries/passkeys';
import { deleteOldRateLimits } from '../../db/queries/rateLimits';
import { deleteExpiredSessions } from '../../db/queries/sessions';
import { deleteOldSignInSources } from '../../db/queries/signInSources';
import type { Deps } from '../../deps';

/**
 * Deletes sessions that can no longer be used, rate-limit windows that have passed and
 * idempotency keys and mailed links a day past their use, and sign-in places long unused, so
 * no table grows without end. Safe to run on several nodes at once.
 */
export async function purgeExpired(deps: Deps): Promise<void> {
  const now = deps.now();
  const idleSince = new Date(now.getTime() - deps.config.session.idleMs).toISOString();
  await deleteExpiredSessions(deps.db, now.toISOString(), idleSince);
  await deleteOldRateLimits(deps.db, now.getTime() - deps.config.rateLimits.windowMs);
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  await deleteOldIdempotencyKeys(deps.db, dayAgo);
  await deleteOldAccountTokens(deps.db, dayAgo);
  await deleteOldChallenges(deps.db, now.toISOString());
  // A device or network unused for 400 days (a device cookie's life) is a stranger again.
  await deleteOldSignInSources(deps.db, new Date(now.getTime() - 400 * 86_400_000).toISOString());
}
