import { AppError } from '../../../core/errors';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import {
  countMembers,
  countStewards,
  deleteMembership,
  findMembership,
} from '../../db/queries/memberships';
import { returnRolesToRota, withdrawPendingSwaps } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { replanRota } from '../../rota/replanRota';
import { moveStage } from '../../stages/moveStage';
import { settleOpenProposals } from '../agreement/settleOpenProposals';

/**
 * Takes someone out of a group: the viewer themselves (leaving) or, for a steward, another
 * member (removing). A group always keeps at least one steward. Their live sessions in the
 * group close at once, on every node (server/live/node.ts re-checks when the group changes).
 */
export async function removeMember(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; userId: string },
): Promise<void> {
  const access = await groupAccess(deps, viewer, input.groupId);
  const leaving = input.userId === viewer.userId;
  authorize(access, leaving ? 'group.leave' : 'group.removeMember');
  await withGroupLock(
    deps,
    input.groupId,
    async (write) => {
      const { trx, groupId, at } = write;
      const membership = await findMembership(trx, groupId, input.userId);
      if (!membership)
        throw new AppError('group.not_member', 'That person is not a member of this group.');
      // Removal follows the rule for demotion: stewards cannot remove each other.
      if (!leaving && membership.role === 'steward') {
        throw new AppError(
          'group.steward_demotion',
          'A steward cannot remove another steward. They can step down, or leave, themselves.',
          { params: { why: 'removal' } },
        );
      }
      // The last member may always leave: the group closes (adjourns) with them.
      const lastMember = leaving && (await countMembers(trx, groupId)) <= 1;
      if (lastMember) {
        await moveStage(deps, write, {
          to: 'adjourned',
          actorId: viewer.userId,
          reason: 'last_member_left',
        });
      } else if (membership.role === 'steward' && (await countStewards(trx, groupId)) <= 1) {
        throw new AppError(
          'group.last_steward',
          leaving
            ? 'You are this group’s only steward. Make another member a steward before you leave.'
            : 'A group needs at least one steward.',
        );
      }
      await deleteMembership(trx, groupId, input.userId);
      await recordAudit(trx, {
        at,
        actorId: viewer.userId,
        groupId,
        action: leaving ? 'member.left' : 'member.removed',
        subjectId: input.userId,
      });
      // Someone who leaves stops counting in the group's open decisions.
      await settleOpenProposals(deps, write);
      // Their upcoming roles go to others; swaps waiting on them are withdrawn.
      await withdrawPendingSwaps(trx, { userId: input.userId }, at);
      await returnRolesToRota(trx, { userId: input.userId, groupId, after: at, release: true });
      await replanRota(write);
      // The seat they leave goes to the next person waiting.
      await offerFreedSeats(deps, write);
    },
    { adjourned: 'allow' },
  );
}
