import { findProposal } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { settleProposal } from './settleProposal';
import { withProposal } from './withProposal';

/** Settles one proposal if it is open and its deadline has passed. */
export async function settleIfDue(
  deps: Deps,
  ids: { groupId: string; proposalId: string },
): Promise<void> {
  const proposal = await findProposal(deps.db, ids.groupId, ids.proposalId);
  if (proposal?.status !== 'open' || Date.parse(proposal.deadline_at) > deps.now().getTime())
    return;
  await withProposal(
    deps,
    ids,
    async (write, locked) => {
      // An adjourned group's proposals lapsed when it adjourned.
      if (write.group.stage !== 'adjourned') await settleProposal(deps, write, locked);
    },
    { adjourned: 'allow' },
  );
}
