import { AppError } from '../../../core/errors';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { deleteStaff } from '../../db/queries/staff';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';

/**
 * Ends someone's staff role in a group: a steward ends anyone's, and a person may step away
 * from their own. Ending it twice is harmless.
 */
export async function endStaffRole(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; userId: string },
): Promise<void> {
  const self = input.userId === viewer.userId;
  const access = await requireGroupAccess(
    deps,
    viewer,
    input.groupId,
    self ? 'group.stepAway' : 'group.removeStaff',
  );
  if (!access.snapshot.staff.some((s) => s.user_id === input.userId)) {
    throw new AppError('not_found', 'That person does not have a staff role in this group.');
  }
  await withGroupLock(
    deps,
    input.groupId,
    async (write) => {
      if (!(await deleteStaff(write.trx, input.groupId, input.userId))) return;
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: input.groupId,
        action: 'staff.removed',
        subjectId: input.userId,
      });
    },
    // Leaving, like stepping out of any role, is allowed once the group has adjourned.
    { adjourned: 'allow' },
  );
}
