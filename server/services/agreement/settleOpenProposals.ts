import type { Kysely } from 'kysely';
import { listOpenProposals } from '../../db/queries/agreementProposals';
import type { Database } from '../../db/tables';
import { settleProposal } from './settleProposal';

/**
 * Re-applies the rule to a group's open proposals after its membership changed: someone who
 * leaves stops counting, which can complete a decision. Call with the group locked.
 */
export async function settleOpenProposals(
  trx: Kysely<Database>,
  groupId: string,
  now: Date,
): Promise<void> {
  for (const proposal of await listOpenProposals(trx, groupId))
    await settleProposal(trx, proposal, now);
}
