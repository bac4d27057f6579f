/**
 * The digest of a group's space, for people who have been away: daily or weekly, as each
 * chose, through the outbox, and only when there is something new since their last visit and
 * their last digest. The members-only space is named, counted and linked, never quoted: no
 * title, no words. One mail per group, so an administrator opening one is in its record.
 */

import { nextTurn } from '../../background';
import { listDigestCandidates, listNewSince, markDigestSent } from '../../db/queries/space';
import { listContacts } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { spaceDigestMail } from '../../mail/messages';
import { readPreferences } from '../../mail/preferences';
import { queueMail } from '../../mail/queueMail';

const DAY = 86_400_000;
const PAGE = 200;

/** Queues the digests that are due; returns how many mails were queued. */
export async function queueSpaceDigests(deps: Deps): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  let queued = 0;
  let after = '';
  for (;;) {
    const people = await listDigestCandidates(
      deps.db,
      new Date(now.getTime() - DAY).toISOString(),
      after,
      PAGE,
    );
    if (people.length === 0) break;
    after = people.at(-1)?.id ?? after;
    const preferences = await readPreferences(
      deps.db,
      people.map((p) => p.id),
    );
    for (const person of people) {
      await nextTurn();
      const choice = preferences.get(person.id)?.spaceDigest ?? 'off';
      if (choice === 'off') continue;
      const period = choice === 'daily' ? DAY : 7 * DAY;
      const last = person.space_digest_at ? Date.parse(person.space_digest_at) : 0;
      if (now.getTime() - last < period) continue;
      // New since their last visit, their last digest, and at most one period back.
      const since = new Date(
        Math.max(
          last,
          person.space_seen_at ? Date.parse(person.space_seen_at) : 0,
          now.getTime() - period,
        ),
      ).toISOString();
      const fresh = await listNewSince(deps.db, person.id, since);
      if (fresh.length === 0) continue;
      const groups = [...new Set(fresh.map((f) => f.group_id))];
      await deps.db.transaction().execute(async (trx) => {
        const [contact] = await listContacts(trx, [person.id]);
        if (!contact) return;
        for (const groupId of groups) {
          const mine = fresh.filter((f) => f.group_id === groupId);
          queued += await queueMail(trx, {
            publicUrl: deps.config.publicUrl,
            to: [contact],
            kind: 'space.digest',
            at,
            groupId,
            dedupeKey: () => `space-digest:${person.id}:${groupId}:${at.slice(0, 10)}`,
            write: (context) =>
              spaceDigestMail(context, {
                groupName: mine[0]?.group_name ?? '',
                daily: choice === 'daily',
                shared: mine
                  .filter((f) => f.space === 'everyone')
                  .map((f) => ({ title: f.title, posts: f.posts })),
                membersOnly: mine
                  .filter((f) => f.space === 'peers')
                  .reduce((n, f) => n + f.posts, 0),
                url: `${deps.config.publicUrl}/groups/${groupId}/space`,
              }),
          });
        }
        await markDigestSent(trx, person.id, at);
      });
    }
    if (people.length < PAGE) break;
  }
  return queued;
}
