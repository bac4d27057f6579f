import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors';
import { findProposal, type ProposalRow } from '../../db/queries/agreementProposals';
import type { Database } from '../../db/tables';
import type { Deps } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';

/**
 * Runs `work` in a transaction holding the group's lock, with the proposal as it stands
 * under that lock. Every change to a proposal goes through here, so responses, revisions
 * and settlements of one group happen one at a time.
 */
export async function withProposalLock<T>(
  deps: Deps,
  groupId: string,
  proposalId: string,
  work: (
    trx: Kysely<Database>,
    proposal: ProposalRow & { proposer_name: string },
    now: Date,
  ) => Promise<T>,
): Promise<T> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, now.toISOString());
    const proposal = await findProposal(trx, groupId, proposalId);
    if (!proposal) throw new AppError('not_found', 'We could not find that proposal.');
    return work(trx, proposal, now);
  });
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
