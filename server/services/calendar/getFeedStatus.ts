import type { CalendarFeedStatus } from '../../../core/protocol/calendar';
import type { Viewer } from '../../access/viewer';
import { findFeedOfUser } from '../../db/queries/calendarFeeds';
import type { Deps } from '../../deps';

/** Whether the viewer's calendar feed is on (its address is shown only when made). */
export async function getFeedStatus(deps: Deps, viewer: Viewer): Promise<CalendarFeedStatus> {
  const feed = await findFeedOfUser(deps.db, viewer.userId);
  return { active: Boolean(feed), createdAt: feed?.created_at ?? null, url: null };
}
