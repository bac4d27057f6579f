import type { z } from 'zod';
import { AppError, fieldError } from '../../../core/errors';
import type { MeetingDetail, swapBody } from '../../../core/protocol/meetings';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findMembership } from '../../db/queries/memberships';
import { insertSwap, listAssignments, withdrawPendingSwaps } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';
import { getMeeting } from './getMeeting';

/** A member asks another to take one of their roles at an upcoming meeting. */
export async function requestSwap(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string } & z.output<typeof swapBody>,
): Promise<MeetingDetail> {
  const { meetingId } = input;
  const { meeting } = await requireMeetingAccess(deps, viewer, meetingId, 'meeting.swap');
  if (meeting.status === 'cancelled' || Date.parse(meeting.starts_at) <= deps.now().getTime()) {
    throw new AppError('meeting.closed', 'Roles can be swapped only before the meeting starts.', {
      params: { why: meeting.status === 'cancelled' ? 'cancelled' : 'started' },
    });
  }
  if (input.toUserId === viewer.userId) {
    throw fieldError('toUserId', 'choose_someone_else', 'Choose someone else to ask.');
  }
  await withGroupLock(deps, meeting.group_id, async ({ trx, groupId, at }) => {
    const holder = (await listAssignments(trx, [meetingId])).find(
      (a) => a.role_id === input.roleId,
    );
    if (!holder || holder.user_id !== viewer.userId) {
      throw new AppError('forbidden', 'You can ask for a swap only for a role you hold.');
    }
    if (!(await findMembership(trx, groupId, input.toUserId))) {
      throw fieldError('toUserId', 'not_a_member', 'That person is not in the group.');
    }
    // A new request replaces an earlier one still waiting for the same role.
    await withdrawPendingSwaps(trx, { meetingId, roleId: input.roleId }, at);
    await insertSwap(trx, {
      id: newId(),
      meeting_id: meetingId,
      role_id: input.roleId,
      from_user: viewer.userId,
      to_user: input.toUserId,
      status: 'pending',
      note: input.note,
      created_at: at,
      decided_at: null,
    });
    await notify(deps, trx, [input.toUserId], {
      groupId,
      kind: 'swap.requested',
      subjectId: meetingId,
      at,
    });
  });
  return getMeeting(deps, viewer, { meetingId });
}
