import type { GroupPage } from '../../../core/protocol/groups';
import type { Viewer } from '../../access/viewer';
import { listGroupsOfUser } from '../../db/queries/groups';
import { listTagsOf } from '../../db/queries/tags';
import type { Deps } from '../../deps';
import { toGroupSummary } from './groupViews';

/** Every group the viewer belongs to, most recently joined first. */
export async function listMyGroups(deps: Deps, viewer: Viewer): Promise<GroupPage> {
  const rows = await listGroupsOfUser(deps.db, viewer.userId, deps.now().toISOString());
  const tags = await listTagsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toGroupSummary(r, tags.get(r.id) ?? [])), nextCursor: null };
}
