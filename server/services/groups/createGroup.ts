import type { z } from 'zod';
import { RECOMMENDED_GROUP_SIZE } from '../../../core/domain/groupSize';
import { DEFAULT_QUESTIONS } from '../../../core/domain/joining';
import { inDirectory } from '../../../core/domain/lifecycle';
import { BUILT_IN_ROLES, DEFAULT_MEETING_MINUTES } from '../../../core/domain/meetings';
import { fieldError } from '../../../core/errors';
import type { createGroupBody, GroupDetail } from '../../../core/protocol/groups';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { insertGroup } from '../../db/queries/groups';
import { insertMembership } from '../../db/queries/memberships';
import { insertPurposeVersion } from '../../db/queries/purpose';
import { insertRoles } from '../../db/queries/roles';
import { replaceTags } from '../../db/queries/tags';
import type { Deps } from '../../deps';
import { newId } from '../../security/tokens';
import { getSettings } from '../settings/getSettings';
import { getGroup } from './getGroup';

/**
 * Starts a group with its creator as steward. A new group has no views cached anywhere yet,
 * so this is the one group write that needs no group lock.
 */
export async function createGroup(
  deps: Deps,
  viewer: Viewer,
  input: z.output<typeof createGroupBody>,
): Promise<GroupDetail> {
  const sizeCap = input.sizeCap ?? RECOMMENDED_GROUP_SIZE;
  const { sizeCapMax } = await getSettings(deps.db);
  if (sizeCap > sizeCapMax) {
    throw fieldError(
      'sizeCap',
      'size_above_deployment',
      `Groups here can have at most ${sizeCapMax} people.`,
      { max: sizeCapMax },
    );
  }
  const id = newId();
  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await insertGroup(trx, {
      id,
      name: input.name,
      purpose: input.purpose,
      description: input.description,
      visibility: input.visibility,
      size_cap: sizeCap,
      created_by: viewer.userId,
      created_at: now,
      updated_at: now,
      time_zone: input.timeZone ?? 'UTC',
      meeting_minutes: DEFAULT_MEETING_MINUTES,
      lateness_policy: 'noted',
      stage: 'forming',
      planned_meetings: input.plannedMeetings ?? null,
      review_at: input.plannedMeetings ?? null,
      format: input.format ?? null,
      area: input.area ?? null,
      language: input.language ?? 'en',
      joining_criteria: input.joiningCriteria ?? null,
      questionnaire: input.questionnaire ?? [...DEFAULT_QUESTIONS],
      purpose_asked_at: null,
      stage_changed_at: now,
      listed_at: inDirectory(input.visibility, 'forming') ? now : null,
      members_propose_small_groups: input.membersProposeSmallGroups ? 1 : 0,
      ...(input.recordingRetentionDays !== undefined
        ? { recording_retention_days: input.recordingRetentionDays }
        : {}),
    });
    await replaceTags(trx, id, input.tags ?? []);
    if (input.purpose) {
      await insertPurposeVersion(trx, {
        group_id: id,
        purpose: input.purpose,
        adopted_at: now,
        decision_id: null,
      });
    }
    await insertRoles(
      trx,
      BUILT_IN_ROLES.map((role, position) => ({
        id: newId(),
        group_id: id,
        key: role.key,
        name: role.name,
        description: role.description,
        position,
        paused_at: null,
        created_at: now,
      })),
    );
    await insertMembership(trx, {
      group_id: id,
      user_id: viewer.userId,
      role: 'steward',
      joined_at: now,
    });
    await recordAudit(trx, {
      at: now,
      actorId: viewer.userId,
      groupId: id,
      action: 'group.created',
    });
  });
  return getGroup(deps, viewer, { groupId: id });
}
