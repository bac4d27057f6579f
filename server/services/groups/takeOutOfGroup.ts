/**
 * The one way a person stops being a member: leaving, being removed, or closing their
 * account. Runs under the group's lock. A group always keeps a steward: when its last
 * steward goes and others stay, the longest-standing member is asked to step up only when
 * the person is closing their account (leaving is refused instead, see removeMember); when
 * the last member goes, the group closes with them.
 */
import { AppError } from '../../../core/errors';
import type { AuditAction } from '../../audit/recordAudit';
import { recordAudit } from '../../audit/recordAudit';
import {
  countMembers,
  countStewards,
  deleteMembership,
  findMembership,
  listMembers,
  updateMemberRole,
} from '../../db/queries/memberships';
import { returnRolesToRota, withdrawPendingSwaps } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { replanRota } from '../../rota/replanRota';
import { moveStage } from '../../stages/moveStage';
import { settleOpenProposals } from '../agreement/settleOpenProposals';

export async function takeOutOfGroup(
  deps: Deps,
  write: GroupWrite,
  exit: {
    userId: string;
    actorId: string;
    action: Extract<AuditAction, 'member.left' | 'member.removed'>;
    /** Closing an account: a sole steward's role passes on rather than the exit waiting. */
    handOver?: boolean;
  },
): Promise<void> {
  const { trx, groupId, at } = write;
  const membership = await findMembership(trx, groupId, exit.userId);
  if (!membership)
    throw new AppError('group.not_member', 'That person is not a member of this group.');
  const lastMember = (await countMembers(trx, groupId)) <= 1;
  if (lastMember) {
    // The last member may always go: the group closes (adjourns) with them.
    await moveStage(deps, write, {
      to: 'adjourned',
      actorId: exit.actorId,
      reason: 'last_member_left',
    });
  } else if (membership.role === 'steward' && (await countStewards(trx, groupId)) <= 1) {
    if (!exit.handOver) {
      throw new AppError(
        'group.last_steward',
        exit.action === 'member.left'
          ? 'You are this group’s only steward. Make another member a steward before you leave.'
          : 'A group needs at least one steward.',
      );
    }
    const next = (await listMembers(trx, groupId)).find((m) => m.user_id !== exit.userId);
    if (next) {
      await updateMemberRole(trx, groupId, next.user_id, 'steward');
      await recordAudit(trx, {
        at,
        actorId: null,
        groupId,
        action: 'member.role_changed',
        subjectId: next.user_id,
      });
    }
  }
  await deleteMembership(trx, groupId, exit.userId);
  await recordAudit(trx, {
    at,
    actorId: exit.actorId,
    groupId,
    action: exit.action,
    subjectId: exit.userId,
  });
  // Someone who goes stops counting in the group's open decisions.
  await settleOpenProposals(deps, write);
  // Their upcoming roles go to others; swaps waiting on them are withdrawn.
  await withdrawPendingSwaps(trx, { userId: exit.userId }, at);
  await returnRolesToRota(trx, { userId: exit.userId, groupId, after: at, release: true });
  await replanRota(write);
  // The seat they leave goes to the next person waiting.
  await offerFreedSeats(deps, write);
}
