import type { CalendarFeedStatus } from '../../../core/protocol/calendar';
import type { Viewer } from '../../access/viewer';
import { replaceFeed } from '../../db/queries/calendarFeeds';
import type { Deps } from '../../deps';
import { newToken, sha256 } from '../../security/tokens';

/** Makes a new secret address (the old one stops working). The address is shown only now. */
export async function resetFeed(deps: Deps, viewer: Viewer): Promise<CalendarFeedStatus> {
  const token = newToken();
  const at = deps.now().toISOString();
  await deps.db.transaction().execute((trx) => replaceFeed(trx, viewer.userId, sha256(token), at));
  return { active: true, createdAt: at, url: `${deps.config.publicUrl}/api/calendar/${token}.ics` };
}
