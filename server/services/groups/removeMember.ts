import { AppError } from '../../../core/errors';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findMembership } from '../../db/queries/memberships';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { takeOutOfGroup } from './takeOutOfGroup';

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
      const membership = await findMembership(write.trx, write.groupId, input.userId);
      // Removal follows the rule for demotion: stewards cannot remove each other.
      if (membership && !leaving && membership.role === 'steward') {
        throw new AppError(
          'group.steward_demotion',
          'A steward cannot remove another steward. They can step down, or leave, themselves.',
          { params: { why: 'removal' } },
        );
      }
      await takeOutOfGroup(deps, write, {
        userId: input.userId,
        actorId: viewer.userId,
        action: leaving ? 'member.left' : 'member.removed',
      });
    },
    { adjourned: 'allow' },
  );
}
