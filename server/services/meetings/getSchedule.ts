import type { ScheduleOverview } from '../../../core/protocol/meetings';
import { allows, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listGroupMeetings } from '../../db/queries/meetings';
import { listMembers } from '../../db/queries/memberships';
import { listNotReady, listRoles } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { summariseMeetings } from './views';

/** A group's schedule: upcoming and recent meetings with their roles, the role catalogue. */
export async function getSchedule(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<ScheduleOverview> {
  const { groupId } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'meeting.view');
  const { group } = access;
  const now = deps.now().toISOString();
  const [upcoming, past, roles, notReady, members] = await Promise.all([
    listGroupMeetings(deps.db, groupId, { from: now, order: 'asc', limit: 104 }),
    listGroupMeetings(deps.db, groupId, { to: now, order: 'desc', limit: 20 }),
    listRoles(deps.db, groupId),
    listNotReady(deps.db, groupId),
    listMembers(deps.db, groupId),
  ]);
  const [upcomingViews, pastViews] = await Promise.all([
    summariseMeetings(deps.db, viewer.userId, upcoming),
    summariseMeetings(deps.db, viewer.userId, past),
  ]);
  return {
    groupId,
    groupName: group.name,
    timeZone: group.time_zone,
    meetingMinutes: group.meeting_minutes,
    latenessPolicy: group.lateness_policy,
    canManage: allows(access, 'meeting.schedule'),
    upcoming: upcomingViews,
    past: pastViews,
    roles: roles.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      inRota: r.paused_at === null,
    })),
    myNotReady: notReady.filter((n) => n.user_id === viewer.userId).map((n) => n.role_id),
    members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name })),
  };
}
