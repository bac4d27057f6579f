import type { GroupDetail } from '../../../core/protocol/groups';
import { groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { toGroupDetail } from './groupViews';

/** A group's page as the viewer may see it; `not_found` if they may not see it at all. */
export async function getGroup(
  deps: Deps,
  viewer: Viewer | null,
  input: { groupId: string },
): Promise<GroupDetail> {
  const { snapshot, group, role } = await groupAccess(deps, viewer, input.groupId);
  // Everyone with the same role sees the same page, so build it once per snapshot. It is
  // frozen, which also lets the response serialiser reuse its JSON (http/serializer.ts).
  let view = snapshot.views.get(role);
  if (!view) {
    view = Object.freeze(toGroupDetail(group, snapshot.tags, role, snapshot.members));
    snapshot.views.set(role, view);
  }
  return view;
}
