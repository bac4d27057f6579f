/** How groups are presented: in lists, and as a page for each kind of viewer. */
import { seatsLeft } from '../../../core/domain/groupSize';
import { isOpenForChange } from '../../../core/domain/lifecycle';
import type { StaffRole } from '../../../core/domain/membership';
import type { GroupDetail, GroupSummary, MemberItem } from '../../../core/protocol/groups';
import { allows } from '../../access/requireGroupAccess';
import type { GroupForViewer } from '../../db/queries/groups';
import type { MemberWithName } from '../../db/queries/memberships';
import type { StaffWithName } from '../../db/queries/staff';
import { type GroupViewerRole, isStaff } from '../../policies/predicates';

/** A group as it appears in lists. */
export function toGroupSummary(row: GroupForViewer, tags: readonly string[]): GroupSummary {
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
    stage: row.stage,
    format: row.format,
    area: row.area,
    language: row.language,
    tags: [...tags],
    plannedMeetings: row.planned_meetings,
    nextMeetingAt: row.next_meeting_at,
    waitlistLength: row.waitlist_length,
  };
}

/** A group's page, with members only when the viewer may see them. */
export function toGroupDetail(
  group: GroupForViewer,
  tags: readonly string[],
  role: GroupViewerRole,
  members: readonly MemberWithName[],
  staff: readonly StaffWithName[] = [],
): GroupDetail {
  const access = { group, role };
  const full = seatsLeft(group.size_cap, group.member_count) === 0;
  const open = isOpenForChange(group.stage);
  return {
    ...toGroupSummary(group, tags),
    joiningCriteria: group.joining_criteria,
    sessionAgenda: group.session_agenda,
    membersProposeSmallGroups: group.members_propose_small_groups === 1,
    recordingRetentionDays: group.recording_retention_days,
    description: group.description,
    members: allows(access, 'group.seeMembers') ? members.map(toMemberItem) : null,
    staffRole: isStaff(role) ? (role as StaffRole) : null,
    staff: allows(access, 'space.visit')
      ? staff.map((s) => ({ userId: s.user_id, displayName: s.display_name, role: s.role }))
      : null,
    can: {
      join: open && allows(access, 'group.join') && !full,
      joinWaitlist: open && allows(access, 'group.join') && full,
      apply: open && allows(access, 'group.apply'),
      invite: open && allows(access, 'group.invite'),
      leave: allows(access, 'group.leave'),
      close: open && group.member_count === 1 && allows(access, 'group.close'),
      manageMembers: open && allows(access, 'group.removeMember'),
      edit: open && allows(access, 'group.edit'),
      space: allows(access, 'space.visit'),
      manageStaff: allows(access, 'group.removeStaff'),
      stepAway: allows(access, 'group.stepAway'),
    },
  };
}

function toMemberItem(m: MemberWithName): MemberItem {
  return { userId: m.user_id, displayName: m.display_name, role: m.role, joinedAt: m.joined_at };
}
