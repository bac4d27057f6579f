import { AppError } from '../../../core/errors';
import { findWaitlistEntry, type WaitlistRow } from '../../db/queries/waitlist';
import type { GroupWrite } from '../../locks/withGroupLock';

/** The viewer's place on the group's waitlist, under the group's lock; 409 when they have none. */
export async function myWaitlistEntry(write: GroupWrite, userId: string): Promise<WaitlistRow> {
  const entry = await findWaitlistEntry(write.trx, write.groupId, userId);
  if (!entry) throw new AppError('waitlist.not_on', 'You are not on this group’s waitlist.');
  return entry;
}
