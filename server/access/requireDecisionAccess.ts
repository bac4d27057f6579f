import { AppError } from '../../core/errors';
import { type DecisionRow, findDecision } from '../db/queries/decisions';
import type { Deps } from '../deps';
import { type GroupAccess, requireAccessWithin } from './requireGroupAccess';
import type { Viewer } from './viewer';

/**
 * A group decision and the viewer's access to its group, through the one gate: a decision in
 * a group the viewer may not see is reported as missing.
 */
export async function requireDecisionAccess(
  deps: Deps,
  viewer: Viewer,
  decisionId: string,
): Promise<{ decision: DecisionRow; access: GroupAccess }> {
  const decision = await findDecision(deps.db, decisionId);
  const missing = () => new AppError('not_found', 'We could not find that decision.');
  if (!decision) throw missing();
  const access = await requireAccessWithin(
    deps,
    viewer,
    decision.group_id,
    'decision.read',
    missing,
  );
  return { decision, access };
}
