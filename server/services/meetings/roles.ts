import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { changeRoleBody, roleBody, ScheduleOverview } from '../../../core/protocol/meetings';
import {
  insertRoles,
  listRoles,
  replaceNotReady,
  returnRolesToRota,
  setRolePaused,
} from '../../db/queries/roles';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';
import { recordAudit } from '../recordAudit';
import { memberOfGroup } from './access';
import { replanRota } from './replanRota';
import { getSchedule, stewardOf } from './schedule';

const MAX_ROLES = 20;

/** A steward adds a role of the group's own to the catalogue and the rota. */
export async function addRole(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof roleBody>,
): Promise<ScheduleOverview> {
  await stewardOf(deps, viewer, groupId, 'Only stewards can add roles.');
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const roles = await listRoles(trx, groupId);
    if (roles.length >= MAX_ROLES) {
      throw new AppError('request.invalid', `A group can have at most ${MAX_ROLES} roles.`);
    }
    if (roles.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) {
      const message = 'The group already has a role with this name.';
      throw new AppError('request.invalid', message, { fields: { name: message } });
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
    await replanRota(trx, groupId, now);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'role.added',
      subjectId: id,
    });
  });
  return getSchedule(deps, viewer, groupId);
}

/** Puts a role in the rota or leaves it out (a group that needs no food role, say). */
export async function setRoleInRota(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  roleId: string,
  input: z.output<typeof changeRoleBody>,
): Promise<ScheduleOverview> {
  await stewardOf(deps, viewer, groupId, 'Only stewards can change the roles.');
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const role = (await listRoles(trx, groupId)).find((r) => r.id === roleId);
    if (!role) throw new AppError('not_found', 'We could not find that role.');
    await setRolePaused(trx, roleId, input.inRota ? null : at);
    await replanRota(trx, groupId, now);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'role.changed',
      subjectId: roleId,
    });
  });
  return getSchedule(deps, viewer, groupId);
}

/** A member says which roles they are not ready for yet; the rota plans around it. */
export async function setNotReady(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  roleIds: readonly string[],
): Promise<ScheduleOverview> {
  await memberOfGroup(deps, viewer, groupId);
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const known = new Set((await listRoles(trx, groupId)).map((r) => r.id));
    const unknown = roleIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError('request.invalid', 'One of those roles is not in this group.');
    await replaceNotReady(trx, groupId, viewer.userId, [...new Set(roleIds)]);
    // Roles settled on this person that they are not ready for go back to the rota.
    await returnRolesToRota(trx, { userId: viewer.userId, groupId, after: at, roleIds });
    await replanRota(trx, groupId, now);
  });
  return getSchedule(deps, viewer, groupId);
}

/** A steward plans the rota again now, keeping roles settled in swaps. */
export async function planAgain(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<ScheduleOverview> {
  await stewardOf(deps, viewer, groupId, 'Only stewards can plan the rota again.');
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    await replanRota(trx, groupId, now);
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'rota.planned' });
  });
  return getSchedule(deps, viewer, groupId);
}
