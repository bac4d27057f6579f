import type { GroupPage } from '../../core/protocol/api';
import { listGroupsOfUser } from '../db/queries/groups';
import type { Deps, Viewer } from './deps';
import { toGroupSummary } from './groupViews';

/** Every group the viewer belongs to, most recently joined first. */
export async function listMyGroups(deps: Deps, viewer: Viewer): Promise<GroupPage> {
  const rows = await listGroupsOfUser(deps.db, viewer.userId);
  return { items: rows.map(toGroupSummary), nextCursor: null };
}
