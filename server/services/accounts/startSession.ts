import { reopen } from '../../db/queries/accountClosing';
import { insertSession } from '../../db/queries/sessions';
import type { Deps } from '../../deps';
import { describeDevice } from '../../security/device';
import { newId, newToken, sha256 } from '../../security/tokens';

/**
 * Opens a session for a user and returns the cookie token; a closed account opens again. Only the token's hash is
 * stored, so a copy of the database cannot be used to sign in.
 */
export async function startSession(
  deps: Deps,
  userId: string,
  userAgent: string | undefined,
): Promise<{ token: string; sessionId: string; reopened: boolean }> {
  // Signing in undoes closing the account, within its days before erasure.
  const reopened = await reopen(deps.db, userId);
  const token = newToken();
  const now = deps.now();
  const sessionId = newId();
  await insertSession(deps.db, {
    id: sessionId,
    user_id: userId,
    token_hash: sha256(token),
    device: describeDevice(userAgent),
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + deps.config.session.absoluteMs).toISOString(),
  });
  return { token, sessionId, reopened };
}
