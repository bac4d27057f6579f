import { nextTurn } from '../../background';
import { listGroupsWithLapsedOffers } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { lapseOffers } from '../../membership/offerFreedSeats';

/** The job: offers that ran out pass to the next person. Every minute on each node. */
export async function settleWaitlists(deps: Deps): Promise<number> {
  const groups = await listGroupsWithLapsedOffers(deps.db, deps.now().toISOString());
  for (const groupId of groups) {
    await nextTurn();
    await withGroupLock(deps, groupId, (write) => lapseOffers(deps, write));
  }
  return groups.length;
}
