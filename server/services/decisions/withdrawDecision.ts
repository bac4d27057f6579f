import { AppError } from '../../../core/errors';
import type { GroupDecision } from '../../../core/protocol/decisions';
import { requireDecisionAccess } from '../../access/requireDecisionAccess';
import { authorize } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { closeDecision } from '../../db/queries/decisions';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getDecision } from './getDecision';

/** The proposer or a steward withdraws an open decision. */
export async function withdrawDecision(
  deps: Deps,
  viewer: Viewer,
  input: { decisionId: string },
): Promise<GroupDecision> {
  const { decision, access } = await requireDecisionAccess(deps, viewer, input.decisionId);
  authorize(access, 'decision.withdraw', { isProposer: decision.proposer_id === viewer.userId });
  await withGroupLock(deps, decision.group_id, async ({ trx, groupId, at }) => {
    if (!(await closeDecision(trx, input.decisionId, 'withdrawn', at))) {
      throw new AppError(
        'decision.closed',
        'This decision has closed, so responses can no longer change.',
      );
    }
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'decision.withdrawn',
      subjectId: input.decisionId,
    });
  });
  return getDecision(deps, viewer, input);
}
