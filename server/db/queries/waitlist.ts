/** SQL for a group's waitlist and the seats offered from it. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, WaitlistTable } from '../tables';

export type WaitlistRow = Selectable<WaitlistTable>;

export async function insertWaitlist(db: Kysely<Database>, row: WaitlistRow): Promise<void> {
  await db.insertInto('waitlist').values(row).execute();
}

export async function findWaitlistEntry(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<WaitlistRow | undefined> {
  return db
    .selectFrom('waitlist')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteWaitlistEntry(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('waitlist')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The queue, first come first served. */
export async function listWaitlist(db: Kysely<Database>, groupId: string): Promise<WaitlistRow[]> {
  return db
    .selectFrom('waitlist')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
}

export async function setOffer(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  offer: { offered_at: string | null; offer_expires_at: string | null },
): Promise<void> {
  await db
    .updateTable('waitlist')
    .set(offer)
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** Groups with an offer that has run out. */
export async function listGroupsWithLapsedOffers(
  db: Kysely<Database>,
  now: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('waitlist')
    .select('group_id')
    .distinct()
    .where('offer_expires_at', '<=', now)
    .execute();
  return rows.map((r) => r.group_id);
}

/** Seats held by offers not yet claimed (they count against the cap). */
export async function countOpenOffers(
  db: Kysely<Database>,
  groupId: string,
  now: string,
): Promise<number> {
  const row = await db
    .selectFrom('waitlist')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('offer_expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When a group adjourns, its waitlist empties. */
export async function deleteWaitlistOfGroup(db: Kysely<Database>, groupId: string): Promise<void> {
  await db.deleteFrom('waitlist').where('group_id', '=', groupId).execute();
}

/** The waitlists a person is on, with their place in each queue. */
export async function listWaitlistsOfUser(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('waitlist as mine')
    .innerJoin('groups', 'groups.id', 'mine.group_id')
    .select((eb) => [
      'mine.group_id',
      'groups.name as group_name',
      'mine.offer_expires_at',
      eb
        .selectFrom('waitlist as ahead')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('ahead.group_id', '=', 'mine.group_id')
        .where((inner) =>
          inner.or([
            inner('ahead.joined_at', '<', inner.ref('mine.joined_at')),
            inner.and([
              inner('ahead.joined_at', '=', inner.ref('mine.joined_at')),
              inner('ahead.user_id', '<', inner.ref('mine.user_id')),
            ]),
          ]),
        )
        .as('ahead'),
    ])
    .where('mine.user_id', '=', userId)
    .orderBy('mine.joined_at')
    .execute();
  return rows.map((r) => ({ ...r, ahead: Number(r.ahead) }));
}

export async function countWaitlist(db: Kysely<Database>, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('waitlist')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
