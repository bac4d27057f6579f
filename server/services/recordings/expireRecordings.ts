import { RETENTION_DAYS } from '../../../core/domain/recordingLimits';
import { deleteTracks, tracksPastRetention } from '../../db/queries/recordings';
import type { Deps } from '../../deps';

const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * Erases tracks kept longer than their group keeps recordings (the group's setting, which
 * applies to recordings made before it changed too). Runs on every node; deleting twice is
 * harmless.
 */
export async function expireRecordings(deps: Deps): Promise<number> {
  let erased = 0;
  const now = deps.now().getTime();
  for (const days of RETENTION_DAYS) {
    const before = new Date(now - days * DAY_MS).toISOString();
    for (;;) {
      const due = await tracksPastRetention(deps.db, days, before, BATCH);
      if (due.length === 0) break;
      await deps.db.transaction().execute((trx) => deleteTracks(trx, due));
      erased += due.length;
      if (due.length < BATCH) break;
    }
  }
  return erased;
}
