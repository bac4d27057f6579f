import { AppError } from '../../core/errors';
import { recordAudit } from '../audit/recordAudit';
import { countMembers, findMembership, insertMembership } from '../db/queries/memberships';
import { countOpenOffers, deleteWaitlistEntry } from '../db/queries/waitlist';
import type { GroupWrite } from '../locks/withGroupLock';
import { replanRota } from '../rota/replanRota';

/**
 * Adds a member under the group's lock: it counts while holding it, so the size cap holds
 * however many people join at the same moment. Every way in (joining, an invitation, an
 * accepted application, a claimed seat) comes through here.
 */
export async function admitMember(
  write: GroupWrite,
  admission: {
    userId: string;
    /** Taking a seat offered from the waitlist: that seat is already held for them. */
    claimingOffer?: boolean;
  },
): Promise<void> {
  const { trx, groupId, at } = write;
  if (await findMembership(trx, groupId, admission.userId)) {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  // Seats offered to people on the waitlist are held for them until they claim or let go.
  const members = await countMembers(trx, groupId);
  const held = admission.claimingOffer ? 0 : await countOpenOffers(trx, groupId, at);
  if (members + held >= write.group.size_cap) {
    throw new AppError('group.full', 'This group is full just now, so no one else can join.');
  }
  await deleteWaitlistEntry(trx, groupId, admission.userId);
  await insertMembership(trx, {
    group_id: groupId,
    user_id: admission.userId,
    role: 'member',
    joined_at: at,
  });
  await recordAudit(trx, { at, actorId: admission.userId, groupId, action: 'member.joined' });
  // A newcomer joins the rota of the meetings ahead.
  await replanRota(write);
}
