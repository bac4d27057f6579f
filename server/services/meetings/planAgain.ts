import type { ScheduleOverview } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { replanRota } from '../../rota/replanRota';
import { getSchedule } from './getSchedule';

/** A steward plans the rota again now, keeping roles settled in swaps. */
export async function planAgain(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<ScheduleOverview> {
  await requireGroupAccess(deps, viewer, input.groupId, 'meeting.schedule');
  await withGroupLock(deps, input.groupId, async (write) => {
    await replanRota(write);
    await recordAudit(write.trx, {
      at: write.at,
      actorId: viewer.userId,
      groupId: write.groupId,
      action: 'rota.planned',
    });
  });
  return getSchedule(deps, viewer, input);
}
