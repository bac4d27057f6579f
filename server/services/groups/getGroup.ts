import type { GroupDetail } from '../../../core/protocol/groups';
import { type GroupAccess, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { toGroupDetail } from './groupViews';

/**
 * A group's page as the viewer may see it; `not_found` if they may not see it at all.
 * Answers without a promise when the group is cached: the most frequent read there is.
 */
export function getGroup(
  deps: Deps,
  viewer: Viewer | null,
  input: { groupId: string },
  /** The viewer holds an invitation to it (an invite-only group is then theirs to see). */
  context: { invited?: boolean } = {},
): Readonly<GroupDetail> | Promise<Readonly<GroupDetail>> {
  const access = groupAccess(deps, viewer, input.groupId, context);
  return access instanceof Promise ? access.then(pageFor) : pageFor(access);
}

function pageFor({ snapshot, group, role }: GroupAccess): Readonly<GroupDetail> {
  // Everyone with the same role sees the same page, so build it once per snapshot. It is
  // frozen, which also lets the response serialiser reuse its JSON (http/serializer.ts).
  let view = snapshot.views.get(role);
  if (!view) {
    view = Object.freeze(
      toGroupDetail(group, snapshot.tags, role, snapshot.members, snapshot.staff),
    );
    snapshot.views.set(role, view);
  }
  return view;
}
