import { summariseCommitment } from '../../../core/domain/meetings';
import type { CommitmentView, MySchedule } from '../../../core/protocol/meetings';
import { findMeetingSettings } from '../../db/queries/groups';
import {
  countRecordedMeetings,
  listGroupAttendance,
  listMeetingsOfUser,
} from '../../db/queries/meetings';
import { listMembers } from '../../db/queries/memberships';
import { listSwapsAwaiting } from '../../db/queries/roles';
import type { Deps, Viewer } from '../deps';
import { memberOfGroup } from './access';
import { summariseMeetings, toSwapView } from './views';

/**
 * The group's commitment, kindly: for each member, the meetings recorded since they joined,
 * how many they came to, on time or late, and how many they missed. Only members see it.
 */
export async function getCommitment(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<CommitmentView> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  const now = deps.now().toISOString();
  const [members, records, held, settings] = await Promise.all([
    listMembers(deps.db, groupId),
    listGroupAttendance(deps.db, groupId, now),
    countRecordedMeetings(deps.db, groupId, now),
    findMeetingSettings(deps.db, groupId),
  ]);
  return {
    groupName: visible.group.name,
    latenessPolicy: settings.lateness_policy,
    meetingsHeld: held,
    people: members.map((m) => ({
      userId: m.user_id,
      displayName: m.display_name,
      ...summariseCommitment(
        records
          .filter((r) => r.user_id === m.user_id)
          .map((r) => ({
            startsAt: r.starts_at,
            record: { status: r.status, arrivedAt: r.arrived_at },
          })),
      ),
    })),
  };
}

/** A person's next meetings across their groups with their roles, and swaps awaiting them. */
export async function getMySchedule(deps: Deps, viewer: Viewer): Promise<MySchedule> {
  const now = deps.now();
  const to = new Date(now.getTime() + 90 * 86_400_000).toISOString();
  const [meetings, swaps] = await Promise.all([
    listMeetingsOfUser(deps.db, viewer.userId, { from: now.toISOString(), to, limit: 30 }),
    listSwapsAwaiting(deps.db, viewer.userId, now.toISOString()),
  ]);
  return {
    meetings: await summariseMeetings(deps.db, viewer.userId, meetings),
    swaps: swaps.map((s) => ({ ...toSwapView(s), meetingId: s.meeting_id })),
  };
}
