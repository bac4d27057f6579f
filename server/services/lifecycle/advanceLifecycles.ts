import { isOpenForChange } from '../../../core/domain/lifecycle';
import { nextTurn } from '../../background';
import { listGroupsWithMeetingsStarted } from '../../db/queries/meetings';
import { settingOrInsert, writeSetting } from '../../db/queries/settings';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { advanceGroup, mayAdvance } from './advanceGroup';

/**
 * The job: groups whose meetings started since the last run may move on. Every minute on
 * each node; the group lock makes running it twice harmless. A group that looks due (read
 * without the lock) is locked and decided again under it.
 */
export async function advanceLifecycles(deps: Deps): Promise<number> {
  const at = deps.now().toISOString();
  const since = await settingOrInsert(deps.db, 'lifecycle_checked_until', '');
  const groups = await listGroupsWithMeetingsStarted(deps.db, since, at);
  let moved = 0;
  for (const groupId of groups) {
    await nextTurn();
    // Most groups whose meeting started have nothing to move: they are not locked, so their
    // pages and live rooms are not made to look again.
    if (!(await mayAdvance(deps, groupId, at))) continue;
    await withGroupLock(
      deps,
      groupId,
      async (write) => {
        if (isOpenForChange(write.group.stage) && (await advanceGroup(deps, write))) moved += 1;
      },
      { adjourned: 'allow' },
    );
  }
  await writeSetting(deps.db, 'lifecycle_checked_until', at);
  return moved;
}
