import { AppError } from '../../core/errors';
import { lockGroup } from '../db/queries/groups';
import { countStewards, deleteMembership, findMembership } from '../db/queries/memberships';
import { returnRolesToRota, withdrawPendingSwaps } from '../db/queries/roles';
import { settleOpenProposals } from './agreement/settleOpenProposals';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';
import { offerFreedSeats } from './forming/waitlist';
import { replanRota } from './meetings/replanRota';
import { recordAudit } from './recordAudit';

/**
 * Takes someone out of a group: the viewer themselves (leaving) or, for a steward, another
 * member (removing). A group always keeps at least one steward.
 */
export async function removeMember(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  userId: string,
): Promise<void> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  const leaving = userId === viewer.userId;
  if (leaving) authorize(visible, 'leave', 'You are not a member of this group.');
  else authorize(visible, 'removeMember', 'Only the group’s stewards can remove members.');

  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockGroup(trx, groupId, now);
    const membership = await findMembership(trx, groupId, userId);
    if (!membership)
      throw new AppError('group.not_member', 'That person is not a member of this group.');
    if (membership.role === 'steward' && (await countStewards(trx, groupId)) <= 1) {
      throw new AppError(
        'group.last_steward',
        leaving
          ? 'You are this group’s only steward. Make another member a steward before you leave.'
          : 'A group needs at least one steward.',
      );
    }
    await deleteMembership(trx, groupId, userId);
    await recordAudit(trx, {
      at: now,
      actorId: viewer.userId,
      groupId,
      action: leaving ? 'member.left' : 'member.removed',
      subjectId: userId,
    });
    // Someone who leaves stops counting in the group's open decisions.
    await settleOpenProposals(trx, groupId, deps.now());
    // Their upcoming roles go to others; swaps waiting on them are withdrawn.
    await withdrawPendingSwaps(trx, { userId }, now);
    await returnRolesToRota(trx, { userId, groupId, after: now, release: true });
    await replanRota(trx, groupId, deps.now());
    // The seat they leave goes to the next person waiting.
    await offerFreedSeats(deps, trx, groupId, deps.now());
  });
  deps.cache.forgetGroup(groupId);
}
