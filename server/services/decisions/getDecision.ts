import type { GroupDecision } from '../../../core/protocol/decisions';
import { requireDecisionAccess } from '../../access/requireDecisionAccess';
import type { Viewer } from '../../access/viewer';
import { decisionViews } from '../../consent/decisionViews';
import type { Deps } from '../../deps';

/** One of the group's decisions, for a member. */
export async function getDecision(
  deps: Deps,
  viewer: Viewer,
  input: { decisionId: string },
): Promise<GroupDecision> {
  const { decision, access } = await requireDecisionAccess(deps, viewer, input.decisionId);
  const [view] = await decisionViews(deps, access, [decision]);
  return view as GroupDecision;
}
