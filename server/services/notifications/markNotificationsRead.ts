import type { Viewer } from '../../access/viewer';
import { markRead } from '../../db/queries/notifications';
import type { Deps } from '../../deps';

/** Marks all the viewer's notifications read. */
export async function markNotificationsRead(deps: Deps, viewer: Viewer): Promise<void> {
  await markRead(deps.db, viewer.userId, deps.now().toISOString());
}
