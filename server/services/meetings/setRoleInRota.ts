import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { rotaRoleBody, ScheduleOverview } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { listRoles, setRolePaused } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { replanRota } from '../../rota/replanRota';
import { getSchedule } from './getSchedule';

/** Puts a role in the rota or leaves it out (a group that needs no food role, say). */
export async function setRoleInRota(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; roleId: string } & z.output<typeof rotaRoleBody>,
): Promise<ScheduleOverview> {
  await requireGroupAccess(deps, viewer, input.groupId, 'meeting.schedule');
  await withGroupLock(deps, input.groupId, async (write) => {
    const { trx, groupId, at } = write;
    const role = (await listRoles(trx, groupId)).find((r) => r.id === input.roleId);
    if (!role) throw new AppError('not_found', 'We could not find that role.');
    await setRolePaused(trx, input.roleId, input.inRota ? null : at);
    await replanRota(write);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'role.changed',
      subjectId: input.roleId,
    });
  });
  return getSchedule(deps, viewer, input);
}
