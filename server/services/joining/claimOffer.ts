import { AppError } from '../../../core/errors';
import type { GroupDetail } from '../../../core/protocol/groups';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { setApplicationStatus } from '../../db/queries/applications';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { admitMember } from '../../membership/admitMember';
import { getGroup } from '../groups/getGroup';
import { myWaitlistEntry } from './myWaitlistEntry';

/** Takes the seat offered to the viewer, while the offer stands. */
export async function claimOffer(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<GroupDetail> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'group.wait');
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, at } = write;
    const entry = await myWaitlistEntry(write, viewer.userId);
    if (!entry.offer_expires_at || entry.offer_expires_at <= at) {
      throw new AppError(
        'waitlist.no_offer',
        'There is no seat held for you just now. You keep your place on the waitlist.',
      );
    }
    await admitMember(write, { userId: viewer.userId, claimingOffer: true });
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'accepted',
        decided_at: at,
        decided_by: viewer.userId,
      });
    }
  });
  return getGroup(deps, viewer, input);
}
