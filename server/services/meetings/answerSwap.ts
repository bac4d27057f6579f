import { AppError } from '../../../core/errors';
import type { MeetingDetail } from '../../../core/protocol/meetings';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { findMeeting } from '../../db/queries/meetings';
import { decideSwap, findSwap, listAssignments, upsertAssignment } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { getMeeting } from './getMeeting';

const closed = () =>
  new AppError('swap.closed', 'This swap has already been answered or withdrawn.');

/**
 * The person asked accepts or declines; the person asking may withdraw. On acceptance they
 * take the role, and if they held a role at that meeting, the asker takes it in return.
 * Both assignments are then settled, so later planning keeps them.
 */
export async function answerSwap(
  deps: Deps,
  viewer: Viewer,
  input: { swapId: string; answer: 'accept' | 'decline' | 'cancel' },
): Promise<MeetingDetail> {
  const { swapId, answer } = input;
  const swap = await findSwap(deps.db, swapId);
  // Only the two people in a swap may know of it.
  if (!swap || (swap.to_user !== viewer.userId && swap.from_user !== viewer.userId)) {
    throw new AppError('not_found', 'We could not find that swap.');
  }
  if (answer === 'cancel' ? swap.from_user !== viewer.userId : swap.to_user !== viewer.userId) {
    throw new AppError(
      'forbidden',
      answer === 'cancel'
        ? 'Only the person who asked can withdraw a swap.'
        : 'Only the person asked can answer this swap.',
    );
  }
  await requireMeetingAccess(deps, viewer, swap.meeting_id, 'meeting.swap');
  const outcome = await withGroupLock(deps, swap.group_id, async ({ trx, groupId, now, at }) => {
    if (answer !== 'accept') {
      if (!(await decideSwap(trx, swapId, answer === 'decline' ? 'declined' : 'cancelled', at))) {
        throw closed();
      }
      if (answer === 'decline') {
        await notify(deps, trx, [swap.from_user], {
          groupId,
          kind: 'swap.declined',
          subjectId: swap.meeting_id,
          at,
        });
      }
      return 'done' as const;
    }
    const meeting = await findMeeting(trx, swap.meeting_id);
    if (
      !meeting ||
      meeting.status === 'cancelled' ||
      Date.parse(meeting.starts_at) <= now.getTime()
    ) {
      throw new AppError(
        'meeting.closed',
        'This meeting has started or was cancelled, so the swap can’t happen.',
        { params: { why: meeting?.status === 'cancelled' ? 'cancelled' : 'started' } },
      );
    }
    const assignments = await listAssignments(trx, [swap.meeting_id]);
    const asked = assignments.find((a) => a.role_id === swap.role_id);
    if (asked?.user_id !== swap.from_user) {
      // Withdrawn for good (this commits), then the person is told why.
      await decideSwap(trx, swapId, 'cancelled', at);
      return 'moved' as const;
    }
    if (!(await decideSwap(trx, swapId, 'accepted', at))) throw closed();
    const inReturn = assignments.find((a) => a.user_id === swap.to_user);
    await upsertAssignment(trx, {
      meeting_id: swap.meeting_id,
      role_id: swap.role_id,
      user_id: swap.to_user,
      pinned_at: at,
      updated_at: at,
    });
    if (inReturn) {
      await upsertAssignment(trx, {
        meeting_id: swap.meeting_id,
        role_id: inReturn.role_id,
        user_id: swap.from_user,
        pinned_at: at,
        updated_at: at,
      });
    }
    await notify(deps, trx, [swap.from_user], {
      groupId,
      kind: 'swap.accepted',
      subjectId: swap.meeting_id,
      at,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'swap.accepted',
      subjectId: swapId,
    });
    return 'done' as const;
  });
  if (outcome === 'moved') {
    throw new AppError(
      'swap.closed',
      'The role has changed hands since this swap was asked, so it was withdrawn.',
      { params: { why: 'moved' } },
    );
  }
  return getMeeting(deps, viewer, { meetingId: swap.meeting_id });
}
