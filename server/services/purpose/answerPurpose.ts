import { AppError } from '../../../core/errors';
import type { PurposeView } from '../../../core/protocol/purpose';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { upsertPurposeAnswer } from '../../db/queries/purpose';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getPurpose } from './getPurpose';

/** A member says in their own words what the group is for (and may change it). */
export async function answerPurpose(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; answer: string },
): Promise<PurposeView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'decision.answerPurpose');
  await withGroupLock(deps, input.groupId, async ({ trx, groupId, group, at }) => {
    if (group.purpose_asked_at === null) {
      throw new AppError(
        'purpose.not_asking',
        'The group is not collecting answers about its purpose just now.',
      );
    }
    await upsertPurposeAnswer(trx, {
      group_id: groupId,
      user_id: viewer.userId,
      answer: input.answer,
      answered_at: at,
    });
  });
  return getPurpose(deps, viewer, input);
}
