import type { Viewer } from '../../access/viewer';
import { viewerOf } from '../../accounts/me';
import type { CachedSession } from '../../cache/readCache';
import { deleteSession, findSessionByTokenHash, touchSession } from '../../db/queries/sessions';
import type { Deps } from '../../deps';
import { sha256 } from '../../security/tokens';

/** How stale last_seen_at may get before it is written again (one write a minute at most). */
const TOUCH_EVERY_MS = 60_000;

/** Tokens seen lately and their hashes: most requests come from a browser seen a moment ago. */
const recentKeys = new Map<string, string>();
const RECENT_KEYS = 10_000;

/** What a session is stored under: the token's SHA-256; null for no plausible token. */
function sessionKey(token: string | undefined): string | null {
  if (!token || token.length > 64) return null;
  let key = recentKeys.get(token);
  if (key === undefined) {
    if (recentKeys.size >= RECENT_KEYS) recentKeys.clear();
    key = sha256(token);
    recentKeys.set(token, key);
  }
  return key;
}

/**
 * Finds who a session cookie belongs to. Sessions past their absolute lifetime, or idle
 * for longer than allowed, are ended here. Returns null for no valid session.
 *
 * Answers at once, without a promise, when no database work is needed (no cookie, or a
 * cached session that is valid and was touched recently): that is most requests.
 */
export function authenticateSession(
  deps: Deps,
  token: string | undefined,
): Viewer | null | Promise<Viewer | null> {
  const hash = sessionKey(token);
  if (!hash) return null;
  const cached = deps.cache.getSession(hash);
  const now = deps.now().getTime();
  if (cached && isValid(deps, cached, now) && now - cached.lastSeenMs < TOUCH_EVERY_MS)
    return cached.viewer;
  return settleSession(deps, hash, cached, now);
}

function isValid(deps: Deps, session: CachedSession, now: number): boolean {
  return session.lastSeenMs + deps.config.session.idleMs > now && session.expiresMs > now;
}

async function settleSession(
  deps: Deps,
  hash: string,
  cached: CachedSession | undefined,
  now: number,
): Promise<Viewer | null> {
  // A copy that looks expired may only be old: another node may have seen it used since.
  const session = cached && isValid(deps, cached, now) ? cached : await readSession(deps, hash);
  if (!session) return null;
  if (!isValid(deps, session, now)) {
    await deleteSession(deps.db, session.viewer.sessionId);
    deps.cache.forgetSession(session.viewer.sessionId);
    return null;
  }
  if (now - session.lastSeenMs >= TOUCH_EVERY_MS) {
    const stillThere = await touchSession(
      deps.db,
      session.viewer.sessionId,
      new Date(now).toISOString(),
    );
    if (!stillThere) {
      // Ended elsewhere (signed out on another node): forget it here too.
      deps.cache.forgetSession(session.viewer.sessionId);
      return null;
    }
    session.lastSeenMs = now;
  }
  return session.viewer;
}

async function readSession(deps: Deps, hash: string): Promise<CachedSession | undefined> {
  const generation = deps.cache.generation();
  const row = await findSessionByTokenHash(deps.db, hash);
  if (!row) return undefined;
  const session: CachedSession = {
    viewer: viewerOf(
      deps,
      {
        id: row.user_id,
        email: row.email,
        display_name: row.display_name,
        created_at: row.user_created_at,
        email_verified_at: row.email_verified_at,
        email_trusted: row.email_trusted,
      },
      row.id,
    ),
    lastSeenMs: Date.parse(row.last_seen_at),
    expiresMs: Date.parse(row.expires_at),
  };
  deps.cache.setSession(hash, session, generation);
  return session;
}
