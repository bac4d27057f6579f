import type { CachedSession } from '../cache/readCache';
import { deleteSession, findSessionByTokenHash, touchSession } from '../db/queries/sessions';
import { sha256 } from '../security/tokens';
import type { Deps, Viewer } from './deps';

/** How stale last_seen_at may get before it is written again (one write a minute at most). */
const TOUCH_EVERY_MS = 60_000;

/** What a session is stored under: the token's SHA-256; null for no plausible token. */
const sessionKey = (token: string | undefined): string | null =>
  token && token.length <= 64 ? sha256(token) : null;

/**
 * Finds who a session cookie belongs to. Sessions past their absolute lifetime, or idle
 * for longer than allowed, are ended here. Returns null for no valid session.
 */
export async function authenticateSession(
  deps: Deps,
  token: string | undefined,
): Promise<Viewer | null> {
  const hash = sessionKey(token);
  if (!hash) return null;
  const session = deps.cache.getSession(hash) ?? (await readSession(deps, hash));
  if (!session) return null;
  const now = deps.now().getTime();
  if (session.lastSeenMs + deps.config.session.idleMs <= now || session.expiresMs <= now) {
    await deleteSession(deps.db, session.viewer.sessionId);
    deps.cache.forgetSession(session.viewer.sessionId);
    return null;
  }
  if (now - session.lastSeenMs >= TOUCH_EVERY_MS) {
    await touchSession(deps.db, session.viewer.sessionId, new Date(now).toISOString());
    session.lastSeenMs = now;
  }
  return session.viewer;
}

/**
 * The viewer for a token when the answer needs no database work (no cookie, or a cached
 * session that is valid and was touched recently); undefined when authenticateSession
 * must decide.
 */
export function knownViewer(deps: Deps, token: string | undefined): Viewer | null | undefined {
  const hash = sessionKey(token);
  if (!hash) return null;
  const session = deps.cache.getSession(hash);
  if (!session) return undefined;
  const now = deps.now().getTime();
  const fresh =
    session.lastSeenMs + deps.config.session.idleMs > now &&
    session.expiresMs > now &&
    now - session.lastSeenMs < TOUCH_EVERY_MS;
  return fresh ? session.viewer : undefined;
}

async function readSession(deps: Deps, hash: string): Promise<CachedSession | undefined> {
  const generation = deps.cache.generation();
  const row = await findSessionByTokenHash(deps.db, hash);
  if (!row) return undefined;
  const session: CachedSession = {
    viewer: {
      userId: row.user_id,
      sessionId: row.id,
      email: row.email,
      displayName: row.display_name,
      createdAt: row.user_created_at,
      isAdmin: deps.config.adminEmails.has(row.email),
    },
    lastSeenMs: Date.parse(row.last_seen_at),
    expiresMs: Date.parse(row.expires_at),
  };
  deps.cache.setSession(hash, session, generation);
  return session;
}
