/**
 * The waitlist: first come, first served. When a seat frees, the next person is offered it
 * and it is held for them for a claim window that shrinks as the next meeting nears; an
 * offer that runs out passes to the next person. Status and position are always shown.
 */
import type { Kysely } from 'kysely';
import { offerWindowMs } from '../../../core/domain/joining';
import { AppError } from '../../../core/errors';
import {
  countOpenOffers,
  deleteWaitlistEntry,
  findWaitlistEntry,
  insertWaitlist,
  listGroupsWithLapsedOffers,
  listUpcomingStarts,
  listWaitlist,
  setApplicationStatus,
  setOffer,
} from '../../db/queries/forming';
import { findGroup } from '../../db/queries/groups';
import { countMembers } from '../../db/queries/memberships';
import { listContacts } from '../../db/queries/users';
import type { Database } from '../../db/tables';
import { seatOfferMail } from '../../mail/messages';
import { admitMember } from '../admitMember';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup } from '../findVisibleGroup';
import { formatWhen, queueMail } from '../mail/queueMail';
import { recordAudit } from '../recordAudit';
import { lockOpenGroup } from './lockOpenGroup';
import { notify } from './notify';

/**
 * Offers every free seat to the next people waiting. Call inside a transaction holding the
 * group's lock, after anything that may free a seat (someone leaves, an offer lapses, the cap
 * grows). Returns how many offers were made.
 */
export async function offerFreedSeats(
  deps: Deps,
  trx: Kysely<Database>,
  groupId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const group = await findGroup(trx, groupId);
  if (!group || group.stage === 'adjourned') return 0;
  const free =
    group.size_cap - (await countMembers(trx, groupId)) - (await countOpenOffers(trx, groupId, at));
  if (free <= 0) return 0;
  const waiting = (await listWaitlist(trx, groupId)).filter((w) => w.offered_at === null);
  const next = waiting.slice(0, free);
  if (next.length === 0) return 0;
  const [meeting] = await listUpcomingStarts(trx, groupId, at, 1);
  const until = new Date(
    now.getTime() + offerWindowMs(now.getTime(), meeting ? Date.parse(meeting) : null),
  ).toISOString();
  for (const entry of next) {
    await setOffer(trx, groupId, entry.user_id, { offered_at: at, offer_expires_at: until });
    await recordAudit(trx, {
      at,
      actorId: entry.user_id,
      groupId,
      action: 'waitlist.offered',
    });
  }
  const people = next.map((n) => n.user_id);
  await notify(trx, people, { groupId, kind: 'waitlist.offer', subjectId: groupId, at });
  await queueMail(trx, {
    publicUrl: deps.config.publicUrl,
    to: await listContacts(trx, people),
    kind: 'waitlist.offer',
    at,
    dedupeKey: (r) => `waitlist.offer:${groupId}:${r.userId}:${at}`,
    write: (context) =>
      seatOfferMail(context, {
        groupName: group.name,
        until: formatWhen(until, group.time_zone),
        url: `${deps.config.publicUrl}/groups/${groupId}/join`,
      }),
  });
  return next.length;
}

/** Takes out offers that ran out, then offers those seats on. Inside the group's lock. */
async function lapseOffers(
  deps: Deps,
  trx: Kysely<Database>,
  groupId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const entry of await listWaitlist(trx, groupId)) {
    if (!entry.offer_expires_at || entry.offer_expires_at > at) continue;
    await deleteWaitlistEntry(trx, groupId, entry.user_id);
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'withdrawn',
        message: 'The seat offered was not claimed in time. You are welcome to apply again.',
        decided_at: at,
        decided_by: null,
      });
    }
    await recordAudit(trx, { at, actorId: entry.user_id, groupId, action: 'waitlist.lapsed' });
  }
  await offerFreedSeats(deps, trx, groupId, now);
}

/** The job: offers that ran out pass to the next person. Every minute on each node. */
export async function settleWaitlists(deps: Deps): Promise<number> {
  const now = deps.now();
  const groups = await listGroupsWithLapsedOffers(deps.db, now.toISOString());
  for (const groupId of groups) {
    await deps.db.transaction().execute(async (trx) => {
      await lockOpenGroup(trx, groupId, now.toISOString());
      await lapseOffers(deps, trx, groupId, now);
    });
    deps.cache.forgetGroup(groupId);
  }
  return groups.length;
}

/** Joins the waitlist of a full open group. A seat that is free is simply taken. */
export async function joinWaitlist(deps: Deps, viewer: Viewer, groupId: string): Promise<void> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'non_member') {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  if (visible.group.visibility !== 'open') {
    throw new AppError(
      'forbidden',
      visible.group.visibility === 'closed'
        ? 'This group takes new members by application. Apply, and a steward may put you on its waitlist.'
        : 'This group takes new members by invitation from its stewards.',
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockOpenGroup(trx, groupId, at);
    if (await findWaitlistEntry(trx, groupId, viewer.userId)) return;
    const queue = await listWaitlist(trx, groupId);
    const members = await countMembers(trx, groupId);
    const held = await countOpenOffers(trx, groupId, at);
    if (queue.length === 0 && members + held < locked.size_cap) {
      await admitMember(trx, { groupId, userId: viewer.userId, at });
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
    await offerFreedSeats(deps, trx, groupId, now);
  });
  deps.cache.forgetGroup(groupId);
}

/** Leaves the waitlist, or lets an offered seat go to the next person. */
export async function leaveWaitlist(deps: Deps, viewer: Viewer, groupId: string): Promise<void> {
  await findVisibleGroup(deps.db, groupId, viewer.userId);
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const entry = await findWaitlistEntry(trx, groupId, viewer.userId);
    if (!entry) throw new AppError('not_found', 'You are not on this group’s waitlist.');
    await deleteWaitlistEntry(trx, groupId, viewer.userId);
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'withdrawn',
        decided_at: at,
        decided_by: viewer.userId,
      });
    }
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'waitlist.left' });
    await offerFreedSeats(deps, trx, groupId, now);
  });
  deps.cache.forgetGroup(groupId);
}

/** Takes the seat offered to the viewer, while the offer stands. */
export async function claimOffer(deps: Deps, viewer: Viewer, groupId: string): Promise<void> {
  await findVisibleGroup(deps.db, groupId, viewer.userId);
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const entry = await findWaitlistEntry(trx, groupId, viewer.userId);
    if (!entry?.offer_expires_at || entry.offer_expires_at <= at) {
      throw new AppError(
        'waitlist.no_offer',
        entry
          ? 'There is no seat held for you just now. You keep your place on the waitlist.'
          : 'You are not on this group’s waitlist.',
      );
    }
    await admitMember(trx, { groupId, userId: viewer.userId, at, claimingOffer: true });
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'accepted',
        decided_at: at,
        decided_by: viewer.userId,
      });
    }
  });
  deps.cache.forgetGroup(groupId);
}

/** Where the viewer stands on the waitlist, if they are on it. */
export async function waitlistStanding(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  now: string,
) {
  const queue = await listWaitlist(db, groupId);
  const index = queue.findIndex((w) => w.user_id === userId);
  const entry = queue[index];
  if (!entry) return { length: queue.length, mine: null };
  const offered = entry.offer_expires_at !== null && entry.offer_expires_at > now;
  return {
    length: queue.length,
    mine: {
      position: index + 1,
      joinedAt: entry.joined_at,
      offerExpiresAt: offered ? entry.offer_expires_at : null,
    },
  };
}
