import { fieldError } from '../../../core/errors';
import type { ScheduleOverview } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listRoles, replaceNotReady, returnRolesToRota } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { replanRota } from '../../rota/replanRota';
import { getSchedule } from './getSchedule';

/** A member says which roles they are not ready for yet; the rota plans around it. */
export async function setNotReady(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; roleIds: readonly string[] },
): Promise<ScheduleOverview> {
  await requireGroupAccess(deps, viewer, input.groupId, 'meeting.setReadiness');
  await withGroupLock(deps, input.groupId, async (write) => {
    const { trx, groupId, at } = write;
    const known = new Set((await listRoles(trx, groupId)).map((r) => r.id));
    if (input.roleIds.some((id) => !known.has(id))) {
      throw fieldError('roleIds', 'role_unknown', 'One of those roles is not in this group.');
    }
    await replaceNotReady(trx, groupId, viewer.userId, [...new Set(input.roleIds)]);
    // Roles settled on this person that they are not ready for go back to the rota.
    await returnRolesToRota(trx, {
      userId: viewer.userId,
      groupId,
      after: at,
      roleIds: input.roleIds,
    });
    await replanRota(write);
  });
  return getSchedule(deps, viewer, input);
}
