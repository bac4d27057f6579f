import { AppError } from '../../core/errors';
import type { GroupDetail, Role } from '../../core/protocol/api';
import { lockGroup } from '../db/queries/groups';
import { countStewards, findMembership, updateMemberRole } from '../db/queries/memberships';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';
import { getGroup } from './getGroup';
import { recordAudit } from './recordAudit';

/**
 * A steward makes a member a steward, or steps down themselves while another steward
 * remains. Stewards cannot demote each other.
 */
export async function changeMemberRole(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  userId: string,
  role: Role,
): Promise<GroupDetail> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'makeSteward', 'Only the group’s stewards can change roles.');
  if (role === 'member' && userId !== viewer.userId) {
    throw new AppError('forbidden', 'A steward can step down, but cannot demote another steward.');
  }
  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockGroup(trx, groupId, now);
    const membership = await findMembership(trx, groupId, userId);
    if (!membership)
      throw new AppError('group.not_member', 'That person is not a member of this group.');
    if (membership.role === role) return;
    if (role === 'member' && (await countStewards(trx, groupId)) <= 1) {
      throw new AppError(
        'group.last_steward',
        'Make another member a steward before you step down.',
      );
    }
    await updateMemberRole(trx, groupId, userId, role);
    await recordAudit(trx, {
      at: now,
      actorId: viewer.userId,
      groupId,
      action: 'member.role_changed',
      subjectId: userId,
    });
  });
  deps.cache.forgetGroup(groupId);
  return getGroup(deps, viewer.userId, groupId);
}
