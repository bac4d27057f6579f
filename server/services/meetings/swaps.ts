import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { MeetingDetail, swapBody } from '../../../core/protocol/meetings';
import { findMeeting } from '../../db/queries/meetings';
import { findMembership } from '../../db/queries/memberships';
import { insertNotifications } from '../../db/queries/notifications';
import {
  decideSwap,
  findSwap,
  insertSwap,
  listAssignments,
  upsertAssignment,
  withdrawPendingSwaps,
} from '../../db/queries/roles';
import type { NotificationsTable } from '../../db/tables';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';
import { recordAudit } from '../recordAudit';
import { allow, meetingAccess } from './access';
import { getMeeting } from './meeting';

function notice(
  userId: string,
  groupId: string,
  meetingId: string,
  kind: NotificationsTable['kind'],
  at: string,
): NotificationsTable {
  return {
    id: newId(),
    user_id: userId,
    group_id: groupId,
    kind,
    subject_id: meetingId,
    created_at: at,
    read_at: null,
  };
}

/** A member asks another to take one of their roles at an upcoming meeting. */
export async function requestSwap(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  input: z.output<typeof swapBody>,
): Promise<MeetingDetail> {
  const access = await meetingAccess(deps, viewer, meetingId);
  allow(access, 'swap', 'Only members can swap roles.');
  const now = deps.now();
  if (
    access.meeting.status === 'cancelled' ||
    Date.parse(access.meeting.starts_at) <= now.getTime()
  ) {
    throw new AppError('meeting.closed', 'Roles can be swapped only before the meeting starts.');
  }
  if (input.toUserId === viewer.userId) {
    const message = 'Choose someone else to ask.';
    throw new AppError('request.invalid', message, { fields: { toUserId: message } });
  }
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, access.meeting.group_id, at);
    const holder = (await listAssignments(trx, [meetingId])).find(
      (a) => a.role_id === input.roleId,
    );
    if (!holder || holder.user_id !== viewer.userId) {
      throw new AppError('forbidden', 'You can ask for a swap only for a role you hold.');
    }
    if (!(await findMembership(trx, access.meeting.group_id, input.toUserId))) {
      const message = 'That person is not in the group.';
      throw new AppError('request.invalid', message, { fields: { toUserId: message } });
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
    await insertNotifications(trx, [
      notice(input.toUserId, access.meeting.group_id, meetingId, 'swap.requested', at),
    ]);
  });
  return getMeeting(deps, viewer, meetingId);
}

/**
 * The person asked accepts or declines; the person asking may withdraw. On acceptance they
 * take the role, and if they held a role at that meeting, the asker takes it in return.
 * Both assignments are then settled, so later planning keeps them.
 */
export async function answerSwap(
  deps: Deps,
  viewer: Viewer,
  swapId: string,
  answer: 'accept' | 'decline' | 'cancel',
): Promise<MeetingDetail> {
  const swap = await findSwap(deps.db, swapId);
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
  const access = await meetingAccess(deps, viewer, swap.meeting_id);
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, swap.group_id, at);
    const meeting = await findMeeting(trx, swap.meeting_id);
    const closed = () =>
      new AppError('swap.closed', 'This swap has already been answered or withdrawn.');
    if (answer === 'accept') {
      if (
        !meeting ||
        meeting.status === 'cancelled' ||
        Date.parse(meeting.starts_at) <= now.getTime()
      ) {
        throw new AppError(
          'meeting.closed',
          'This meeting has started or was cancelled, so the swap can’t happen.',
        );
      }
      const assignments = await listAssignments(trx, [swap.meeting_id]);
      const asked = assignments.find((a) => a.role_id === swap.role_id);
      if (asked?.user_id !== swap.from_user) {
        await decideSwap(trx, swapId, 'cancelled', at);
        throw new AppError(
          'swap.closed',
          'The role has changed hands since this swap was asked, so it was withdrawn.',
        );
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
      await insertNotifications(trx, [
        notice(swap.from_user, swap.group_id, swap.meeting_id, 'swap.accepted', at),
      ]);
      await recordAudit(trx, {
        at,
        actorId: viewer.userId,
        groupId: swap.group_id,
        action: 'swap.accepted',
        subjectId: swapId,
      });
    } else {
      if (!(await decideSwap(trx, swapId, answer === 'decline' ? 'declined' : 'cancelled', at))) {
        throw closed();
      }
      if (answer === 'decline') {
        await insertNotifications(trx, [
          notice(swap.from_user, swap.group_id, swap.meeting_id, 'swap.declined', at),
        ]);
      }
    }
  });
  return getMeeting(deps, viewer, access.meeting.id);
}
