import type { JoiningView } from '../../../core/protocol/joining';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { setApplicationStatus } from '../../db/queries/applications';
import { deleteWaitlistEntry } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { getJoining } from './getJoining';
import { myWaitlistEntry } from './myWaitlistEntry';

/** Leaves the waitlist, or lets an offered seat go to the next person. */
export async function leaveWaitlist(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<JoiningView> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'group.wait');
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, at } = write;
    const entry = await myWaitlistEntry(write, viewer.userId);
    await deleteWaitlistEntry(trx, groupId, viewer.userId);
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'withdrawn',
        decided_at: at,
        decided_by: viewer.userId,
      });
    }
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'waitlist.left' });
    await offerFreedSeats(deps, write);
  });
  return getJoining(deps, viewer, input);
}
