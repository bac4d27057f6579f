import { recordAudit } from '../audit/recordAudit';
import { setApplicationStatus } from '../db/queries/applications';
import type { WaitlistRow } from '../db/queries/waitlist';
import { deleteWaitlistEntry } from '../db/queries/waitlist';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';
import { offerFreedSeats } from './offerFreedSeats';

/**
 * The one way off a group's waitlist by the person's own choice: their place (and the
 * application behind it) is withdrawn, and any seat they held goes to the next person.
 */
export async function leaveQueue(
  deps: Deps,
  write: GroupWrite,
  entry: Pick<WaitlistRow, 'user_id' | 'application_id'>,
): Promise<void> {
  const { trx, groupId, at } = write;
  await deleteWaitlistEntry(trx, groupId, entry.user_id);
  if (entry.application_id) {
    await setApplicationStatus(trx, entry.application_id, {
      status: 'withdrawn',
      decided_at: at,
      decided_by: entry.user_id,
    });
  }
  await recordAudit(trx, { at, actorId: entry.user_id, groupId, action: 'waitlist.left' });
  await offerFreedSeats(deps, write);
}
