import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { GroupDetail } from '../../../core/protocol/api';
import type { updateGroupBody } from '../../../core/protocol/forming';
import { countMeetingsHeld, replaceTags, updateGroupProfile } from '../../db/queries/forming';
import { refreshListing } from '../../db/queries/groups';
import { countMembers } from '../../db/queries/memberships';
import type { Deps, Viewer } from '../deps';
import { authorize, findVisibleGroup } from '../findVisibleGroup';
import { getGroup } from '../getGroup';
import { getSettings } from '../getSettings';
import { recordAudit } from '../recordAudit';
import { advanceGroup } from './lifecycle';
import { lockOpenGroup } from './lockOpenGroup';
import { offerFreedSeats } from './waitlist';

const fieldError = (field: string, message: string) =>
  new AppError('request.invalid', message, { fields: { [field]: message } });

/**
 * A steward changes how the group presents itself and takes people in: name, description,
 * who can join, the cap, format, area, language, tags, the planned number of meetings, the
 * joining criteria and questions. A larger cap offers the new seats to the waitlist.
 */
export async function updateGroup(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof updateGroupBody>,
): Promise<GroupDetail> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'edit', 'Only the group’s stewards can change its details.');
  const { sizeCapMax } = await getSettings(deps.db);
  if (input.sizeCap !== undefined && input.sizeCap > sizeCapMax) {
    throw fieldError('sizeCap', `Groups here can have at most ${sizeCapMax} people.`);
  }
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockOpenGroup(trx, groupId, at);
    const group = visible.group;
    if (input.sizeCap !== undefined) {
      const members = await countMembers(trx, groupId);
      if (input.sizeCap < members) {
        throw fieldError(
          'sizeCap',
          `The group already has ${members} members, so the cap cannot be lower than that.`,
        );
      }
    }
    let plan: { planned_meetings: number | null; review_at: number | null } | undefined;
    if (input.plannedMeetings !== undefined && input.plannedMeetings !== group.planned_meetings) {
      if (locked.stage === 'review') {
        throw fieldError(
          'plannedMeetings',
          'The group is reviewing itself: its review decides how many meetings come next.',
        );
      }
      // This stretch began at the start (forming, active) or at the last review.
      const held = await countMeetingsHeld(trx, groupId, at);
      const stretchStart =
        group.review_at !== null && group.planned_meetings !== null
          ? group.review_at - group.planned_meetings
          : locked.stage === 'continuing'
            ? held
            : 0;
      plan = {
        planned_meetings: input.plannedMeetings,
        review_at: input.plannedMeetings === null ? null : stretchStart + input.plannedMeetings,
      };
    }
    await updateGroupProfile(trx, groupId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
      ...(input.sizeCap !== undefined ? { size_cap: input.sizeCap } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.area !== undefined ? { area: input.area } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.joiningCriteria !== undefined ? { joining_criteria: input.joiningCriteria } : {}),
      ...(input.questionnaire !== undefined
        ? { questionnaire: JSON.stringify(input.questionnaire) }
        : {}),
      ...(input.sessionAgenda !== undefined
        ? { session_agenda: input.sessionAgenda ? JSON.stringify(input.sessionAgenda) : null }
        : {}),
      ...(plan ?? {}),
      updated_at: at,
    });
    if (input.tags !== undefined) await replaceTags(trx, groupId, input.tags);
    if (input.visibility !== undefined) await refreshListing(trx, groupId, at);
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'group.updated' });
    if (input.sizeCap !== undefined && input.sizeCap > locked.size_cap) {
      await offerFreedSeats(deps, trx, groupId, now);
    }
    if (plan) await advanceGroup(deps, trx, groupId, now);
  });
  deps.cache.forgetGroup(groupId);
  return getGroup(deps, viewer.userId, groupId);
}
