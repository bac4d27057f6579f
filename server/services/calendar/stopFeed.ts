import type { Viewer } from '../../access/viewer';
import { deleteFeed } from '../../db/queries/calendarFeeds';
import type { Deps } from '../../deps';

/** Turns the viewer's calendar feed off. */
export async function stopFeed(deps: Deps, viewer: Viewer): Promise<void> {
  await deleteFeed(deps.db, viewer.userId);
}
