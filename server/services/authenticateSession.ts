import { deleteSession, findSessionByTokenHash, touchSession } from '../db/queries/sessions';
import { sha256 } from '../security/tokens';
import type { Deps, Viewer } from './deps';

/** How stale last_seen_at may get before it is written again (one write a minute at most). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds who a session cookie belongs to. Sessions past their absolute lifetime, or idle
 * for longer than allowed, are ended here. Returns null for no valid session.
 */
export async function authenticateSession(
  deps: Deps,
  token: string | undefined,
): Promise<Viewer | null> {
  if (!token || token.length > 64) return null;
  const session = await findSessionByTokenHash(deps.db, sha256(token));
  if (!session) return null;
  const now = deps.now();
  const lastSeen = Date.parse(session.last_seen_at);
  const idleExpired = lastSeen + deps.config.session.idleMs <= now.getTime();
  if (idleExpired || Date.parse(session.expires_at) <= now.getTime()) {
    await deleteSession(deps.db, session.id);
    return null;
  }
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    await touchSession(deps.db, session.id, now.toISOString());
  }
  return {
    userId: session.user_id,
    sessionId: session.id,
    email: session.email,
    displayName: session.display_name,
    createdAt: session.user_created_at,
    isAdmin: deps.config.adminEmails.has(session.email),
  };
}
