import type { ProposalDetail } from '../../../core/protocol/agreement';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { loadProposalDetail } from './proposalViews';
import { settleIfDue } from './settleIfDue';

/**
 * One proposal, for a member. A proposal past its deadline is settled first, so nobody
 * ever sees an open proposal that should have closed.
 */
export async function getProposal(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; proposalId: string },
): Promise<ProposalDetail> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'agreement.read');
  await settleIfDue(deps, input);
  return loadProposalDetail(deps, access, input.proposalId);
}
