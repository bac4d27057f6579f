import { type Kysely, sql } from 'kysely';
import { likePattern } from '../dialect';
import type { Database, GroupsTable } from '../tables';

export type GroupRow = GroupsTable;
export interface GroupWithCount extends GroupRow {
  member_count: number;
}
export interface GroupForViewer extends GroupWithCount {
  my_role: 'steward' | 'member' | null;
}

const memberCount = sql<number>`(select count(*) from memberships m where m.group_id = groups.id)`;

export async function findGroup(db: Kysely<Database>, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGroup(db: Kysely<Database>, group: GroupRow): Promise<void> {
  await db.insertInto('groups').values(group).execute();
}

/** One group with its member count and the viewer's role in it (null when not a member). */
export async function findGroupForViewer(
  db: Kysely<Database>,
  id: string,
  viewerId: string | null,
): Promise<GroupForViewer | undefined> {
  const row = await db
    .selectFrom('groups')
    .leftJoin('memberships as mine', (join) =>
      join.onRef('mine.group_id', '=', 'groups.id').on('mine.user_id', '=', viewerId ?? ''),
    )
    .selectAll('groups')
    .select([memberCount.as('member_count'), 'mine.role as my_role'])
    .where('groups.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, member_count: Number(row.member_count) } : undefined;
}

/**
 * Takes the group's row lock for the rest of the transaction (PostgreSQL), and on SQLite
 * starts the write at once, so membership changes to one group happen one after another.
 * Returns the group's size cap as it stands under the lock, or undefined when there is no
 * such group.
 */
export async function lockGroup(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<{ size_cap: number } | undefined> {
  return db
    .updateTable('groups')
    .set({ updated_at: now })
    .where('id', '=', id)
    .returning('size_cap')
    .executeTakeFirst();
}

export interface DirectoryFilter {
  q?: string | undefined;
  /** Return groups with ids below this one (ids are time-ordered UUIDv7: newest first). */
  beforeId?: string | undefined;
  limit: number;
  viewerId: string | null;
}

/**
 * The directory: open and closed groups, newest first. Invite-only groups never appear,
 * matching the policy that they are invisible to non-members.
 */
export async function listDirectory(
  db: Kysely<Database>,
  filter: DirectoryFilter,
): Promise<GroupForViewer[]> {
  let query = db
    .selectFrom('groups')
    .leftJoin('memberships as mine', (join) =>
      join.onRef('mine.group_id', '=', 'groups.id').on('mine.user_id', '=', filter.viewerId ?? ''),
    )
    .selectAll('groups')
    .select([memberCount.as('member_count'), 'mine.role as my_role'])
    .where('groups.visibility', 'in', ['open', 'closed']);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(groups.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(groups.purpose, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.beforeId) query = query.where('groups.id', '<', filter.beforeId);
  const rows = await query.orderBy('groups.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ ...row, member_count: Number(row.member_count) }));
}

/** The groups a person belongs to, most recently joined first. */
export async function listGroupsOfUser(
  db: Kysely<Database>,
  userId: string,
): Promise<GroupForViewer[]> {
  const rows = await db
    .selectFrom('memberships as mine')
    .innerJoin('groups', 'groups.id', 'mine.group_id')
    .selectAll('groups')
    .select([memberCount.as('member_count'), 'mine.role as my_role'])
    .where('mine.user_id', '=', userId)
    .orderBy('mine.joined_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, member_count: Number(row.member_count) }));
}

export type MeetingSettings = Pick<GroupRow, 'time_zone' | 'meeting_minutes' | 'lateness_policy'>;

/** How a group meets: its zone, usual meeting length and lateness policy. */
export async function findMeetingSettings(
  db: Kysely<Database>,
  groupId: string,
): Promise<MeetingSettings> {
  return db
    .selectFrom('groups')
    .select(['time_zone', 'meeting_minutes', 'lateness_policy'])
    .where('id', '=', groupId)
    .executeTakeFirstOrThrow();
}

export async function updateMeetingSettings(
  db: Kysely<Database>,
  groupId: string,
  patch: Partial<MeetingSettings>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('groups').set(patch).where('id', '=', groupId).execute();
}
