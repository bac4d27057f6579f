import type { JoiningView } from '../../../core/protocol/joining';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { countMembers } from '../../db/queries/memberships';
import {
  countOpenOffers,
  findWaitlistEntry,
  insertWaitlist,
  listWaitlist,
} from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { admitMember } from '../../membership/admitMember';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { getJoining } from './getJoining';
import { refuseWayIn } from './refuseWayIn';

/** Joins the waitlist of a full open group. A seat that is free is simply taken. */
export async function joinWaitlist(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<JoiningView> {
  const { groupId } = input;
  const access = await groupAccess(deps, viewer, groupId);
  refuseWayIn(access, 'join');
  authorize(access, 'group.join');
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, group, at } = write;
    if (await findWaitlistEntry(trx, groupId, viewer.userId)) return;
    const queue = await listWaitlist(trx, groupId);
    const members = await countMembers(trx, groupId);
    const held = await countOpenOffers(trx, groupId, at);
    if (queue.length === 0 && members + held < group.size_cap) {
      await admitMember(write, { userId: viewer.userId });
      return;
    }
    await insertWaitlist(trx, {
      group_id: groupId,
      user_id: viewer.userId,
      joined_at: at,
      application_id: null,
      offered_at: null,
      offer_expires_at: null,
    });
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'waitlist.joined' });
    await offerFreedSeats(deps, write);
  });
  return getJoining(deps, viewer, input);
}
