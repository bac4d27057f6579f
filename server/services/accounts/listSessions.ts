import type { SessionItem } from '../../../core/protocol/accounts';
import type { Viewer } from '../../access/viewer';
import { listUserSessions } from '../../db/queries/sessions';
import type { Deps } from '../../deps';

/** The viewer's live sessions, the current one marked, most recently used first. */
export async function listSessions(deps: Deps, viewer: Viewer): Promise<SessionItem[]> {
  const now = deps.now().getTime();
  const rows = await listUserSessions(deps.db, viewer.userId);
  return rows
    .filter(
      (s) =>
        Date.parse(s.expires_at) > now &&
        Date.parse(s.last_seen_at) + deps.config.session.idleMs > now,
    )
    .map((s) => {
      const idleEnd = Date.parse(s.last_seen_at) + deps.config.session.idleMs;
      return {
        id: s.id,
        device: s.device,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: new Date(Math.min(idleEnd, Date.parse(s.expires_at))).toISOString(),
        current: s.id === viewer.sessionId,
      };
    });
}
