import { nextTurn } from '../../background';
import { settleDecision } from '../../consent/settleDecision';
import { findDecision, listDueDecisions } from '../../db/queries/decisions';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';

/** The job: decisions past their deadline are settled. Every minute on each node. */
export async function settleDueDecisions(deps: Deps): Promise<number> {
  const due = await listDueDecisions(deps.db, deps.now().toISOString());
  for (const { id, group_id } of due) {
    await nextTurn();
    await withGroupLock(
      deps,
      group_id,
      async (write) => {
        // An adjourned group's decisions were closed when it adjourned; nothing to settle.
        if (write.group.stage === 'adjourned') return;
        const row = await findDecision(write.trx, id);
        if (row) await settleDecision(deps, write, row);
      },
      { adjourned: 'allow' },
    );
  }
  return due.length;
}
