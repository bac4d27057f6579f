import { seatsLeft } from '../../core/domain/groupSize';
import type { GroupDetail, GroupSummary, MemberItem } from '../../core/protocol/api';
import type { GroupForViewer } from '../db/queries/groups';
import type { MemberWithName } from '../db/queries/memberships';
import { type GroupViewerRole, groupPolicy } from '../policies/groups';

/** A group as it appears in lists. */
export function toGroupSummary(row: GroupForViewer): GroupSummary {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    visibility: row.visibility,
    sizeCap: row.size_cap,
    memberCount: row.member_count,
    seatsLeft: seatsLeft(row.size_cap, row.member_count),
    createdAt: row.created_at,
    myRole: row.my_role,
  };
}

/** A group's page, with members only when the viewer may see them. */
export function toGroupDetail(
  row: GroupForViewer,
  role: GroupViewerRole,
  members: readonly MemberWithName[] | null,
): GroupDetail {
  const full = seatsLeft(row.size_cap, row.member_count) === 0;
  return {
    ...toGroupSummary(row),
    description: row.description,
    members: members?.map(toMemberItem) ?? null,
    can: {
      join: groupPolicy.join(role, row) && !full,
      invite: groupPolicy.invite(role, row),
      leave: groupPolicy.leave(role, row),
      manageMembers: groupPolicy.removeMember(role, row),
    },
  };
}

function toMemberItem(m: MemberWithName): MemberItem {
  return { userId: m.user_id, displayName: m.display_name, role: m.role, joinedAt: m.joined_at };
}
