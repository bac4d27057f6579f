import { findProposal } from '../../db/queries/agreementProposals';
import type { Deps } from '../deps';
import { settleProposal } from './settleProposal';
import { withProposalLock } from './withProposalLock';

/** Settles one proposal if it is open and its deadline has passed. */
export async function settleIfDue(deps: Deps, groupId: string, proposalId: string): Promise<void> {
  const proposal = await findProposal(deps.db, groupId, proposalId);
  if (proposal?.status !== 'open' || Date.parse(proposal.deadline_at) > deps.now().getTime())
    return;
  await withProposalLock(deps, groupId, proposalId, (trx, locked, now) =>
    settleProposal(trx, locked, now),
  );
}
