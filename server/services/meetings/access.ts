import { AppError } from '../../../core/errors';
import { findMeeting, type MeetingWithGroup } from '../../db/queries/meetings';
import { type AssignmentRow, listAssignments } from '../../db/queries/roles';
import { type MeetingAction, type MeetingFacts, meetingPolicy } from '../../policies/meetings';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup, type VisibleGroup } from '../findVisibleGroup';

/** A group's meetings are for its members: invisible groups are 404, others 403. */
export async function memberOfGroup(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<VisibleGroup> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (!meetingPolicy.view(visible.role, { isHost: false, isFacilitator: false })) {
    throw new AppError('forbidden', 'Only members of this group can see its meetings.');
  }
  return visible;
}

export interface MeetingAccess {
  meeting: MeetingWithGroup;
  visible: VisibleGroup;
  facts: MeetingFacts;
  /** Who holds which role at this meeting. */
  assignments: AssignmentRow[];
}

/** Loads a meeting for a member of its group, with the viewer's roles at it. */
export async function meetingAccess(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
): Promise<MeetingAccess> {
  const meeting = await findMeeting(deps.db, meetingId);
  if (!meeting) throw new AppError('not_found', 'We could not find that meeting.');
  let visible: VisibleGroup;
  try {
    visible = await memberOfGroup(deps, viewer, meeting.group_id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw new AppError('not_found', 'We could not find that meeting.');
    }
    throw error;
  }
  const assignments = await listAssignments(deps.db, [meetingId]);
  const roleKeys = assignments.filter((a) => a.user_id === viewer.userId).map((a) => a.role_key);
  return {
    meeting,
    visible,
    facts: { isHost: roleKeys.includes('host'), isFacilitator: roleKeys.includes('facilitator') },
    assignments,
  };
}

/** Throws `forbidden` with the message unless the policy allows the action. */
export function allow(access: MeetingAccess, action: MeetingAction, message: string): void {
  if (!meetingPolicy[action](access.visible.role, access.facts)) {
    throw new AppError('forbidden', message);
  }
}
