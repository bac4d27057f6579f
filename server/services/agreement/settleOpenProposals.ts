import { listOpenProposals } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { settleProposal } from './settleProposal';

/**
 * Re-applies the rule to a group's open proposals after its membership changed: someone who
 * leaves stops counting, which can complete a decision.
 */
export async function settleOpenProposals(deps: Deps, write: GroupWrite): Promise<void> {
  for (const proposal of await listOpenProposals(write.trx, write.groupId)) {
    await settleProposal(deps, write, proposal);
  }
}
