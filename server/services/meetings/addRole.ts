import type { z } from 'zod';
import { fieldError } from '../../../core/errors';
import type { roleBody, ScheduleOverview } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { insertRoles, listRoles } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { replanRota } from '../../rota/replanRota';
import { newId } from '../../security/tokens';
import { getSchedule } from './getSchedule';

const MAX_ROLES = 20;

/** A steward adds a role of the group's own to the catalogue and the rota. */
export async function addRole(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof roleBody>,
): Promise<ScheduleOverview> {
  await requireGroupAccess(deps, viewer, input.groupId, 'meeting.schedule');
  await withGroupLock(deps, input.groupId, async (write) => {
    const { trx, groupId, at } = write;
    const roles = await listRoles(trx, groupId);
    if (roles.length >= MAX_ROLES) {
      throw fieldError('name', 'role_limit', `A group can have at most ${MAX_ROLES} roles.`, {
        max: MAX_ROLES,
      });
    }
    if (roles.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) {
      throw fieldError('name', 'role_name_taken', 'The group already has a role with this name.');
    }
    const id = newId();
    await insertRoles(trx, [
      {
        id,
        group_id: groupId,
        key: null,
        name: input.name,
        description: input.description,
        position: Math.max(-1, ...roles.map((r) => r.position)) + 1,
        paused_at: null,
        created_at: at,
      },
    ]);
    await replanRota(write);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'role.added',
      subjectId: id,
    });
  });
  return getSchedule(deps, viewer, input);
}
