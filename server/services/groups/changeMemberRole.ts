import { AppError } from '../../../core/errors';
import type { GroupDetail, Role } from '../../../core/protocol/groups';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { countStewards, findMembership, updateMemberRole } from '../../db/queries/memberships';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getGroup } from './getGroup';

/**
 * A steward makes a member a steward, or steps down themselves while another steward
 * remains. Stewards cannot demote each other.
 */
export async function changeMemberRole(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; userId: string; role: Role },
): Promise<GroupDetail> {
  await requireGroupAccess(deps, viewer, input.groupId, 'group.makeSteward');
  if (input.role === 'member' && input.userId !== viewer.userId) {
    throw new AppError(
      'group.steward_demotion',
      'A steward can step down, but cannot demote another steward.',
    );
  }
  await withGroupLock(
    deps,
    input.groupId,
    async ({ trx, groupId, at }) => {
      const membership = await findMembership(trx, groupId, input.userId);
      if (!membership)
        throw new AppError('group.not_member', 'That person is not a member of this group.');
      if (membership.role === input.role) return;
      if (input.role === 'member' && (await countStewards(trx, groupId)) <= 1) {
        throw new AppError(
          'group.last_steward',
          'Make another member a steward before you step down.',
        );
      }
      await updateMemberRole(trx, groupId, input.userId, input.role);
      await recordAudit(trx, {
        at,
        actorId: viewer.userId,
        groupId,
        action: 'member.role_changed',
        subjectId: input.userId,
      });
    },
    { adjourned: 'allow' },
  );
  return getGroup(deps, viewer, { groupId: input.groupId });
}
