import { seatsLeft } from '../../core/domain/groupSize';
import { isOpenForChange } from '../../core/domain/lifecycle';
import type { AgendaPhase } from '../../core/domain/liveTemplates';
import type { GroupDetail, GroupSummary, MemberItem } from '../../core/protocol/api';
import type { GroupForViewer } from '../db/queries/groups';
import type { MemberWithName } from '../db/queries/memberships';
import { type GroupViewerRole, groupPolicy } from '../policies/groups';

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
  row: GroupForViewer,
  tags: readonly string[],
  role: GroupViewerRole,
  members: readonly MemberWithName[] | null,
): GroupDetail {
  const full = seatsLeft(row.size_cap, row.member_count) === 0;
  const open = isOpenForChange(row.stage);
  return {
    ...toGroupSummary(row, tags),
    joiningCriteria: row.joining_criteria,
    sessionAgenda: row.session_agenda ? (JSON.parse(row.session_agenda) as AgendaPhase[]) : null,
    description: row.description,
    members: members?.map(toMemberItem) ?? null,
    can: {
      join: open && groupPolicy.join(role, row) && !full,
      joinWaitlist: open && groupPolicy.join(role, row) && full,
      apply: open && groupPolicy.apply(role, row),
      invite: open && groupPolicy.invite(role, row),
      leave: groupPolicy.leave(role, row),
      manageMembers: open && groupPolicy.removeMember(role, row),
      edit: open && groupPolicy.edit(role, row),
    },
  };
}

function toMemberItem(m: MemberWithName): MemberItem {
  return { userId: m.user_id, displayName: m.display_name, role: m.role, joinedAt: m.joined_at };
}
