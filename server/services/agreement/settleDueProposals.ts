import { nextTurn } from '../../background';
import { listDueProposals } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { settleIfDue } from './settleIfDue';

/**
 * The job that closes decisions: every open proposal past its deadline is settled. Runs
 * every minute on each node; the group lock makes running it twice harmless.
 */
export async function settleDueProposals(deps: Deps): Promise<number> {
  const due = await listDueProposals(deps.db, deps.now().toISOString());
  for (const { id, group_id } of due) {
    await nextTurn();
    await settleIfDue(deps, { groupId: group_id, proposalId: id });
  }
  return due.length;
}
