/** How meetings are presented: in lists, and as a meeting's own page. */
import type { Kysely } from 'kysely';
import { changeSubject } from '../../../core/domain/agreement';
import { isLinkWindowOpen } from '../../../core/domain/meetings';
import { addMinutes } from '../../../core/domain/recurrence';
import type { MeetingDetail, MeetingSummary, SwapView } from '../../../core/protocol/meetings';
import { allows } from '../../access/requireGroupAccess';
import type { MeetingAccess } from '../../access/requireMeetingAccess';
import { listObjectedProposals } from '../../db/queries/agreementProposals';
import { listAttendance, listRsvps, type MeetingWithGroup } from '../../db/queries/meetings';
import {
  type AssignmentRow,
  listAssignments,
  listMeetingSwaps,
  type SwapWithNames,
} from '../../db/queries/roles';
import type { Database } from '../../db/tables';
import type { Deps } from '../../deps';

function summarise(
  meeting: MeetingWithGroup,
  viewerId: string,
  assignments: AssignmentRow[],
  myRsvp: MeetingSummary['myRsvp'],
): MeetingSummary {
  const roles = assignments.filter((a) => a.meeting_id === meeting.id);
  return {
    id: meeting.id,
    groupId: meeting.group_id,
    groupName: meeting.group_name,
    startsAt: meeting.starts_at,
    endsAt: addMinutes(meeting.starts_at, meeting.duration_minutes),
    durationMinutes: meeting.duration_minutes,
    timeZone: meeting.time_zone,
    status: meeting.status,
    moved: meeting.original_starts_at !== null,
    changeNote: meeting.change_note,
    cancelReason: meeting.cancel_reason,
    venueKind: meeting.venue_kind,
    venueName: meeting.venue_name,
    myRsvp,
    myRoles: roles.filter((a) => a.user_id === viewerId).map((a) => a.role_name),
    roles: roles.map((a) => ({
      roleId: a.role_id,
      roleName: a.role_name,
      holder:
        a.user_id && a.display_name ? { userId: a.user_id, displayName: a.display_name } : null,
    })),
  };
}

/** Summaries of meetings as one viewer sees them: roles, theirs marked, and their RSVP. */
export async function summariseMeetings(
  db: Kysely<Database>,
  viewerId: string,
  meetings: MeetingWithGroup[],
): Promise<MeetingSummary[]> {
  const ids = meetings.map((m) => m.id);
  const [assignments, rsvps] = await Promise.all([listAssignments(db, ids), listRsvps(db, ids)]);
  return meetings.map((m) =>
    summarise(
      m,
      viewerId,
      assignments,
      rsvps.find((r) => r.meeting_id === m.id && r.user_id === viewerId)?.response ?? null,
    ),
  );
}

export function toSwapView(swap: SwapWithNames): SwapView {
  return {
    id: swap.id,
    roleId: swap.role_id,
    roleName: swap.role_name,
    from: { userId: swap.from_user, displayName: swap.from_name },
    to: { userId: swap.to_user, displayName: swap.to_name },
    note: swap.note,
    status: swap.status,
    createdAt: swap.created_at,
  };
}

/**
 * Everything a member sees on a meeting's page. The gate has already read the meeting, its
 * role holders and the group's members (`access`): they are used, not read again.
 */
export async function buildMeetingDetail(
  deps: Deps,
  access: MeetingAccess,
): Promise<MeetingDetail> {
  const { meeting, facts } = access;
  const viewer = { userId: access.viewer?.userId ?? '' };
  const members = access.snapshot.members;
  const now = deps.now();
  const [rsvps, attendance, swaps, agenda] = await Promise.all([
    listRsvps(deps.db, [meeting.id]),
    listAttendance(deps.db, meeting.id),
    listMeetingSwaps(deps.db, meeting.id),
    objectedProposals(deps.db, meeting.group_id),
  ]);
  const mine = rsvps.find((r) => r.user_id === viewer.userId);
  const summary = summarise(meeting, viewer.userId, access.assignments, mine?.response ?? null);
  const isPast = Date.parse(meeting.starts_at) <= now.getTime();
  const linkOpen = isLinkWindowOpen(meeting.starts_at, meeting.duration_minutes, now);
  const cancelled = meeting.status === 'cancelled';
  return {
    ...summary,
    originalStartsAt: meeting.original_starts_at,
    venue: {
      kind: meeting.venue_kind,
      name: meeting.venue_name,
      address: meeting.venue_address,
      accessNotes: meeting.access_notes,
      onlineUrl: linkOpen && !cancelled ? meeting.online_url : null,
      linkLater: meeting.online_url !== null && !linkOpen && !isPast && !cancelled,
    },
    myRsvpNote: mine?.note ?? null,
    rsvps: members.map((m) => {
      const r = rsvps.find((x) => x.user_id === m.user_id);
      return {
        userId: m.user_id,
        displayName: m.display_name,
        response: r?.response ?? null,
        note: r?.note ?? null,
      };
    }),
    attendance: members.map((m) => {
      const a = attendance.find((x) => x.user_id === m.user_id);
      return {
        userId: m.user_id,
        displayName: m.display_name,
        status: a?.status ?? null,
        arrivedAt: a?.arrived_at ?? null,
      };
    }),
    swaps: swaps.map(toSwapView),
    agenda: isPast ? [] : agenda,
    isPast,
    can: {
      change: !cancelled && !isPast && allows(access, 'meeting.change', facts),
      cancel: !cancelled && !isPast && allows(access, 'meeting.cancel', facts),
      recordAttendance:
        !cancelled &&
        now.getTime() >= Date.parse(meeting.starts_at) - 60 * 60_000 &&
        allows(access, 'meeting.recordAttendance', facts),
      rsvp: !cancelled && !isPast && allows(access, 'meeting.rsvp', facts),
    },
  };
}

/** Open agreement proposals someone has objected to: the next meeting's agenda. */
async function objectedProposals(
  db: Kysely<Database>,
  groupId: string,
): Promise<MeetingDetail['agenda']> {
  const rows = await listObjectedProposals(db, groupId);
  return rows.map((row) => ({
    proposalId: row.id,
    kind: row.kind,
    itemTitle: changeSubject(row.change).title,
  }));
}
