import type { GroupDetail } from '../../core/protocol/api';
import { listMembers } from '../db/queries/memberships';
import { groupPolicy } from '../policies/groups';
import type { Deps } from './deps';
import { findVisibleGroup } from './findVisibleGroup';
import { toGroupDetail } from './groupViews';

/** A group's page as the viewer may see it; `not_found` if they may not see it at all. */
export async function getGroup(
  deps: Deps,
  viewerId: string | null,
  groupId: string,
): Promise<GroupDetail> {
  const { group, role } = await findVisibleGroup(deps.db, groupId, viewerId);
  const members = groupPolicy.seeMembers(role, group) ? await listMembers(deps.db, groupId) : null;
  return toGroupDetail(group, role, members);
}
