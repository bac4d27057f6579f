/**
 * The waitlist is first come, first served. When a seat frees, the next person is offered it
 * and it is held for them for a claim window that shrinks as the next meeting nears; an
 * offer that runs out passes to the next person.
 */
import { offerWindowMs } from '../../core/domain/joining';
import { recordAudit } from '../audit/recordAudit';
import { setApplicationStatus } from '../db/queries/applications';
import { listUpcomingStarts } from '../db/queries/meetings';
import { countMembers } from '../db/queries/memberships';
import {
  countOpenOffers,
  deleteWaitlistEntry,
  listWaitlist,
  setOffer,
} from '../db/queries/waitlist';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';
import { formatWhen } from '../mail/formatWhen';
import { seatOfferMail } from '../mail/messages';
import { notify } from '../notifications/notify';

/**
 * Offers every free seat to the next people waiting. Call after anything that may free a
 * seat (someone leaves, an offer lapses, the cap grows). Returns how many offers were made.
 */
export async function offerFreedSeats(deps: Deps, write: GroupWrite): Promise<number> {
  const { trx, groupId, group, now, at } = write;
  if (group.stage === 'adjourned') return 0;
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
    await recordAudit(trx, { at, actorId: entry.user_id, groupId, action: 'waitlist.offered' });
  }
  await notify(
    deps,
    trx,
    next.map((n) => n.user_id),
    {
      groupId,
      kind: 'waitlist.offer',
      subjectId: groupId,
      at,
      mail: {
        dedupeKey: (r) => `waitlist.offer:${groupId}:${r.userId}:${at}`,
        write: (context) =>
          seatOfferMail(context, {
            groupName: group.name,
            until: formatWhen(until, group.time_zone),
            url: `${deps.config.publicUrl}/groups/${groupId}/join`,
          }),
      },
    },
  );
  return next.length;
}

/** Takes out offers that ran out, then offers those seats on. */
export async function lapseOffers(deps: Deps, write: GroupWrite): Promise<void> {
  const { trx, groupId, at } = write;
  for (const entry of await listWaitlist(trx, groupId)) {
    if (!entry.offer_expires_at || entry.offer_expires_at > at) continue;
    await deleteWaitlistEntry(trx, groupId, entry.user_id);
    if (entry.application_id) {
      await setApplicationStatus(trx, entry.application_id, {
        status: 'withdrawn',
        closed_reason: 'seat_lapsed',
        decided_at: at,
        decided_by: null,
      });
    }
    await recordAudit(trx, { at, actorId: entry.user_id, groupId, action: 'waitlist.lapsed' });
  }
  await offerFreedSeats(deps, write);
}
