import type { z } from 'zod';
import { fieldError } from '../../../core/errors';
import type { GroupDetail, updateGroupBody } from '../../../core/protocol/groups';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { refreshListing, updateGroup as saveGroup } from '../../db/queries/groups';
import { countMeetingsHeld } from '../../db/queries/meetings';
import { countMembers } from '../../db/queries/memberships';
import { replaceTags } from '../../db/queries/tags';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { advanceGroup } from '../lifecycle/advanceGroup';
import { getSettings } from '../settings/getSettings';
import { getGroup } from './getGroup';

/**
 * A steward changes how the group presents itself and takes people in: name, description,
 * who can join, the cap, format, area, language, tags, the planned number of meetings, the
 * joining criteria and questions, its own session agenda, whether members may propose small
 * groups. A larger cap offers the new
 * seats to the waitlist.
 */
export async function updateGroup(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof updateGroupBody>,
): Promise<GroupDetail> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'group.edit');
  const { sizeCapMax } = await getSettings(deps.db);
  if (input.sizeCap !== undefined && input.sizeCap > sizeCapMax) {
    throw fieldError(
      'sizeCap',
      'size_above_deployment',
      `Groups here can have at most ${sizeCapMax} people.`,
      { max: sizeCapMax },
    );
  }
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, group, at } = write;
    if (input.sizeCap !== undefined) {
      const members = await countMembers(trx, groupId);
      if (input.sizeCap < members) {
        throw fieldError(
          'sizeCap',
          'size_below_members',
          `The group already has ${members} members, so the cap cannot be lower than that.`,
          { members },
        );
      }
    }
    let plan: { planned_meetings: number | null; review_at: number | null } | undefined;
    if (input.plannedMeetings !== undefined && input.plannedMeetings !== group.planned_meetings) {
      if (group.stage === 'review') {
        throw fieldError(
          'plannedMeetings',
          'plan_in_review',
          'The group is reviewing itself: its review decides how many meetings come next.',
        );
      }
      // This stretch began at the start (forming, active) or at the last review.
      const held = await countMeetingsHeld(trx, groupId, at);
      const stretchStart =
        group.review_at !== null && group.planned_meetings !== null
          ? group.review_at - group.planned_meetings
          : group.stage === 'continuing'
            ? held
            : 0;
      plan = {
        planned_meetings: input.plannedMeetings,
        review_at: input.plannedMeetings === null ? null : stretchStart + input.plannedMeetings,
      };
    }
    await saveGroup(trx, groupId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
      ...(input.sizeCap !== undefined ? { size_cap: input.sizeCap } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.area !== undefined ? { area: input.area } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.joiningCriteria !== undefined ? { joining_criteria: input.joiningCriteria } : {}),
      ...(input.questionnaire !== undefined ? { questionnaire: input.questionnaire } : {}),
      ...(input.sessionAgenda !== undefined ? { session_agenda: input.sessionAgenda } : {}),
      ...(input.membersProposeSmallGroups !== undefined
        ? { members_propose_small_groups: input.membersProposeSmallGroups ? 1 : 0 }
        : {}),
      ...(input.recordingRetentionDays !== undefined
        ? { recording_retention_days: input.recordingRetentionDays }
        : {}),
      ...(plan ?? {}),
      updated_at: at,
    });
    if (input.tags !== undefined) await replaceTags(trx, groupId, input.tags);
    if (input.visibility !== undefined) await refreshListing(trx, groupId, at);
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'group.updated' });
    if (input.sizeCap !== undefined && input.sizeCap > group.size_cap) {
      await offerFreedSeats(deps, { ...write, group: { ...group, size_cap: input.sizeCap } });
    }
    if (plan) await advanceGroup(deps, write);
  });
  return getGroup(deps, viewer, { groupId });
}
