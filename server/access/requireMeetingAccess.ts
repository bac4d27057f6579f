import { AppError } from '../../core/errors';
import { findMeeting, type MeetingWithGroup } from '../db/queries/meetings';
import { type AssignmentRow, listAssignments } from '../db/queries/roles';
import type { Deps } from '../deps';
import type { MeetingAction, MeetingFacts } from '../policies/meetings';
import { authorize, type GroupAccess, requireAccessWithin } from './requireGroupAccess';
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
 * viewer may not see is reported as missing; members may see it; other actions depend on
 * the viewer's role at the meeting (host, facilitator) and in the group.
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
  const access = await requireAccessWithin(deps, viewer, meeting.group_id, 'meeting.view', missing);
  const assignments = await listAssignments(deps.db, [meetingId]);
  const mine = assignments.filter((a) => a.user_id === viewer.userId).map((a) => a.role_key);
  const facts = { isHost: mine.includes('host'), isFacilitator: mine.includes('facilitator') };
  authorize(access, action, facts);
  return { ...access, meeting, facts, assignments };
}
