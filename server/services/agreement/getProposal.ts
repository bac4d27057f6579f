import type { ProposalDetail } from '../../../core/protocol/agreement';
import type { Deps, Viewer } from '../deps';
import { memberOf } from './memberOf';
import { loadProposalDetail } from './proposalViews';
import { settleIfDue } from './settleIfDue';

/**
 * One proposal, for a member. A proposal past its deadline is settled first, so nobody
 * ever sees an open proposal that should have closed.
 */
export async function getProposal(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  proposalId: string,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  await settleIfDue(deps, groupId, proposalId);
  return loadProposalDetail(deps, visible, viewer.userId, proposalId);
}
