import { AppError } from '../../../core/errors';
import { findProposal, type ProposalRow } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { type GroupLockOptions, type GroupWrite, withGroupLock } from '../../locks/withGroupLock';

/**
 * Runs `work` on the group's write path with the proposal as it stands under the lock, so
 * responses, revisions and settlements of one group happen one at a time.
 */
export async function withProposal<T>(
  deps: Deps,
  ids: { groupId: string; proposalId: string },
  work: (write: GroupWrite, proposal: ProposalRow & { proposer_name: string }) => Promise<T>,
  options?: GroupLockOptions,
): Promise<T> {
  return withGroupLock(
    deps,
    ids.groupId,
    async (write) => {
      const proposal = await findProposal(write.trx, ids.groupId, ids.proposalId);
      if (!proposal) throw new AppError('not_found', 'We could not find that proposal.');
      return work(write, proposal);
    },
    options,
  );
}

/** Refuses to act on a proposal that has closed, saying so plainly. */
export function requireOpen(proposal: ProposalRow): void {
  if (proposal.status !== 'open') {
    throw new AppError(
      'proposal.closed',
      'This proposal has closed, so it cannot be changed or answered any more.',
    );
  }
}
