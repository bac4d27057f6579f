import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import { countOpenOffers, deleteWaitlistEntry } from '../db/queries/forming';
import { countMembers, findMembership, insertMembership } from '../db/queries/memberships';
import type { Database } from '../db/tables';
import { lockOpenGroup } from './forming/lockOpenGroup';
import { replanRota } from './meetings/replanRota';
import { recordAudit } from './recordAudit';

/**
 * Adds a member inside the caller's transaction, holding the group's lock while it counts,
 * so the size cap holds however many people join at the same moment.
 */
export async function admitMember(
  trx: Kysely<Database>,
  admission: {
    groupId: string;
    userId: string;
    at: string;
    /** Taking a seat offered from the waitlist: that seat is already held for them. */
    claimingOffer?: boolean;
  },
): Promise<void> {
  const locked = await lockOpenGroup(trx, admission.groupId, admission.at);
  if (await findMembership(trx, admission.groupId, admission.userId)) {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  // Seats offered to people on the waitlist are held for them until they claim or let go.
  const members = await countMembers(trx, admission.groupId);
  const held = admission.claimingOffer
    ? 0
    : await countOpenOffers(trx, admission.groupId, admission.at);
  if (members + held >= locked.size_cap) {
    throw new AppError('group.full', 'This group is full just now, so no one else can join.');
  }
  await deleteWaitlistEntry(trx, admission.groupId, admission.userId);
  await insertMembership(trx, {
    group_id: admission.groupId,
    user_id: admission.userId,
    role: 'member',
    joined_at: admission.at,
  });
  await recordAudit(trx, {
    at: admission.at,
    actorId: admission.userId,
    groupId: admission.groupId,
    action: 'member.joined',
  });
  // A newcomer joins the rota of the meetings ahead.
  await replanRota(trx, admission.groupId, new Date(admission.at));
}
