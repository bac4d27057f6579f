import type { ConsentResponse } from '../../../core/domain/consent';
import { AppError } from '../../../core/errors';
import type { GroupDecision } from '../../../core/protocol/decisions';
import { requireDecisionAccess } from '../../access/requireDecisionAccess';
import { authorize } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { settleDecision } from '../../consent/settleDecision';
import { requireAcceptableResponse } from '../../consent/tally';
import { findDecision, upsertDecisionResponse } from '../../db/queries/decisions';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getDecision } from './getDecision';

const closed = () =>
  new AppError('decision.closed', 'This decision has closed, so responses can no longer change.');

/** A member responds to an open decision (and may change their response until it closes). */
export async function respondToDecision(
  deps: Deps,
  viewer: Viewer,
  input: { decisionId: string; response: ConsentResponse; note: string | null },
): Promise<GroupDecision> {
  const { decision, access } = await requireDecisionAccess(deps, viewer, input.decisionId);
  authorize(access, 'decision.respond');
  requireAcceptableResponse(input);
  await withGroupLock(deps, decision.group_id, async (write) => {
    const current = await findDecision(write.trx, input.decisionId);
    if (current?.status !== 'open') throw closed();
    // A decision past its deadline is settled first; a late response meets a clear "closed".
    if (await settleDecision(deps, write, current)) throw closed();
    await upsertDecisionResponse(write.trx, {
      decision_id: input.decisionId,
      user_id: viewer.userId,
      response: input.response,
      note: input.note,
      responded_at: write.at,
    });
    await settleDecision(deps, write, current);
  });
  return getDecision(deps, viewer, input);
}
