import { checkAnswers, cleanAnswers } from '../../../core/domain/joining';
import { AppError, type FieldProblems } from '../../../core/errors';
import type { ApplicationView } from '../../../core/protocol/joining';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { findLiveApplication, insertApplication } from '../../db/queries/applications';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { membersOf, notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';
import { myApplication } from './myApplication';
import { refuseWayIn } from './refuseWayIn';

const ANSWER_MESSAGES = {
  answer_required: 'Please answer this question.',
  answer_choice: 'Choose one of the options.',
  answer_too_long: 'That answer is too long.',
} as const;

/**
 * Applies to a closed group, answering its questions. Stewards are told; the applicant can
 * see and withdraw their application while it waits.
 */
export async function applyToGroup(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; answers: Record<string, string> },
): Promise<ApplicationView> {
  const { groupId } = input;
  const access = await groupAccess(deps, viewer, groupId);
  refuseWayIn(access, 'apply');
  authorize(access, 'group.apply');
  const questions = access.group.questionnaire;
  const problems = checkAnswers(questions, input.answers);
  if (Object.keys(problems).length > 0) {
    const fields: FieldProblems = {};
    for (const [id, code] of Object.entries(problems)) {
      fields[`answers.${id}`] = { code, message: ANSWER_MESSAGES[code] };
    }
    throw new AppError('request.invalid', 'Some answers need another look.', { fields });
  }
  const id = newId();
  await withGroupLock(deps, groupId, async ({ trx, at }) => {
    if (await findLiveApplication(trx, groupId, viewer.userId)) {
      throw new AppError(
        'application.exists',
        'You have already applied to this group. You can see your application on the group’s page.',
      );
    }
    await insertApplication(trx, {
      id,
      group_id: groupId,
      user_id: viewer.userId,
      answers: cleanAnswers(questions, input.answers),
      status: 'pending',
      message: null,
      closed_reason: null,
      created_at: at,
      decided_at: null,
      decided_by: null,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'application.made',
      subjectId: id,
    });
    const { stewards } = await membersOf(trx, groupId);
    await notify(deps, trx, stewards, { groupId, kind: 'application.new', subjectId: id, at });
  });
  return myApplication(deps, viewer, id);
}
