import { AppError } from '../../../core/errors';
import type { LifecycleView } from '../../../core/protocol/lifecycle';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { countMembers } from '../../db/queries/memberships';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { moveStage } from '../../stages/moveStage';
import { getLifecycle } from './getLifecycle';

/**
 * The group's only member closes (adjourns) it and stays, keeping its history to read. While
 * others are in the group it closes only by its own decision, at its review: one person
 * does not end a group that belongs to several.
 */
export async function closeGroup(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<LifecycleView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'group.close');
  await withGroupLock(deps, input.groupId, async (write) => {
    if ((await countMembers(write.trx, write.groupId)) > 1) {
      throw new AppError(
        'group.others_remain',
        'Others are still in this group, so it closes only by the group’s own decision, at its review.',
      );
    }
    await moveStage(deps, write, {
      to: 'adjourned',
      actorId: viewer.userId,
      reason: 'closed_by_last_member',
    });
  });
  return getLifecycle(deps, viewer, input);
}
