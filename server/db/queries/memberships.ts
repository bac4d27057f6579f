import type { Kysely } from 'kysely';
import type { Database, MembershipsTable } from '../tables';

export type MembershipRow = MembershipsTable;
export interface MemberWithName extends MembershipRow {
  display_name: string;
}

export async function insertMembership(db: Kysely<Database>, row: MembershipRow): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export async function findMembership(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function countMembers(db: Kysely<Database>, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countStewards(db: Kysely<Database>, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('role', '=', 'steward')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members with their display names: stewards first, then by when they joined. */
export async function listMembers(
  db: Kysely<Database>,
  groupId: string,
): Promise<MemberWithName[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.group_id',
      'memberships.user_id',
      'memberships.role',
      'memberships.joined_at',
      'users.display_name',
    ])
    .where('memberships.group_id', '=', groupId)
    .orderBy('memberships.role', 'desc')
    .orderBy('memberships.joined_at', 'asc')
    .execute();
}

export async function deleteMembership(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

export async function updateMemberRole(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  role: MembershipRow['role'],
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** The ids of a group's current members: who counts in its decisions. */
export async function listMemberIds(db: Kysely<Database>, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('group_id', '=', groupId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Members of a group with their addresses, optionally only some of them. */
export async function listMemberContacts(
  db: Kysely<Database>,
  groupId: string,
  only?: readonly string[],
): Promise<{ userId: string; email: string; displayName: string }[]> {
  if (only?.length === 0) return [];
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as userId', 'users.email', 'users.display_name as displayName'])
    .where('memberships.group_id', '=', groupId);
  if (only) query = query.where('users.id', 'in', only);
  return query.execute();
}

/** The groups whose views name the person: those they are in or work with, or wrote in. */
export async function listGroupIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('group_id')
    .where('user_id', '=', userId)
    // Groups whose cached views show the person otherwise: as staff, or in their space.
    .union(db.selectFrom('group_staff').select('group_id').where('user_id', '=', userId))
    .union(db.selectFrom('space_posts').select('group_id').where('author_id', '=', userId))
    .union(
      db
        .selectFrom('space_warmth as w')
        .innerJoin('space_posts as p', 'p.id', 'w.post_id')
        .select('p.group_id')
        .where('w.user_id', '=', userId),
    )
    .execute();
  return rows.map((r) => r.group_id);
}
