import { AppError } from '../../core/errors';
import { observesMeeting } from '../db/queries/meetingObservers';
import { findMeeting, type MeetingWithGroup } from '../db/queries/meetings';
import { type AssignmentRow, listAssignments } from '../db/queries/roles';
import type { Deps } from '../deps';
import type { MeetingAction, MeetingFacts } from '../policies/meetings';
import { authorize, type GroupAccess, groupAccess } from './requireGroupAccess';
import type { Viewer } from './viewer';

export interface MeetingAccess extends GroupAccess {
  meeting: MeetingWithGroup;
  /** The viewer's roles at this meeting, which some rules depend on. */
  facts: MeetingFacts;
  /** Who holds which role at this meeting. */
  assignments: AssignmentRow[];
}

/**
 * A meeting and the viewer's access to it, through the one gate: a meeting of a group the
 * viewer may not see is reported as missing; members may see it, and so may someone from
 * outside the group invited to observe this one meeting; other actions depend on the
 * viewer's role at the meeting (host, facilitator, guest observer) and in the group.
 */
export async function requireMeetingAccess(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  action: `meeting.${MeetingAction}` = 'meeting.view',
): Promise<MeetingAccess> {
  const missing = () => new AppError('not_found', 'We could not find that meeting.');
  const meeting = await findMeeting(deps.db, meetingId);
  if (!meeting) throw missing();
  const access = await accessFor(deps, viewer, meeting.group_id, meetingId, missing);
  const assignments = await listAssignments(deps.db, [meetingId]);
  const mine = assignments.filter((a) => a.user_id === viewer.userId).map((a) => a.role_key);
  const facts = {
    isHost: mine.includes('host'),
    isFacilitator: mine.includes('facilitator'),
    observes: access.observes,
  };
  // Every action on a meeting needs seeing it first.
  authorize(access, 'meeting.view', facts);
  if (action !== 'meeting.view') authorize(access, action, facts);
  return { ...access, meeting, facts, assignments };
}

/**
 * The viewer's access to the meeting's group. Someone from outside it is asked whether they
 * were invited to observe this meeting: such an invitation lets them find the group, as any
 * invitation does, and nothing more.
 */
async function accessFor(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  meetingId: string,
  missing: () => AppError,
): Promise<GroupAccess & { observes: boolean }> {
  let access: GroupAccess | null = null;
  try {
    access = await groupAccess(deps, viewer, groupId);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
  }
  if (access && access.role !== 'non_member') return { ...access, observes: false };
  if (!(await observesMeeting(deps.db, meetingId, viewer.userId))) {
    if (access) return { ...access, observes: false };
    throw missing();
  }
  return { ...(await groupAccess(deps, viewer, groupId, { invited: true })), observes: true };
}
