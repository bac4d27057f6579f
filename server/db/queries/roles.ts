import type { Kysely, Selectable } from 'kysely';
import type { Database, GroupRolesTable, MeetingRolesTable, RoleSwapsTable } from '../tables';

export type GroupRoleRow = Selectable<GroupRolesTable>;

export async function insertRoles(db: Kysely<Database>, rows: GroupRoleRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('group_roles').values(rows).execute();
}

export async function listRoles(db: Kysely<Database>, groupId: string): Promise<GroupRoleRow[]> {
  return db
    .selectFrom('group_roles')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function setRolePaused(
  db: Kysely<Database>,
  roleId: string,
  pausedAt: string | null,
): Promise<void> {
  await db
    .updateTable('group_roles')
    .set({ paused_at: pausedAt })
    .where('id', '=', roleId)
    .execute();
}

/** Roles each member is not ready for, in one group. */
export async function listNotReady(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ role_id: string; user_id: string }[]> {
  return db
    .selectFrom('role_not_ready')
    .innerJoin('group_roles', 'group_roles.id', 'role_not_ready.role_id')
    .select(['role_not_ready.role_id', 'role_not_ready.user_id'])
    .where('group_roles.group_id', '=', groupId)
    .execute();
}

export async function replaceNotReady(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  roleIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('role_not_ready')
    .where('user_id', '=', userId)
    .where(
      'role_id',
      'in',
      db.selectFrom('group_roles').select('id').where('group_id', '=', groupId),
    )
    .execute();
  if (roleIds.length > 0) {
    await db
      .insertInto('role_not_ready')
      .values(roleIds.map((role_id) => ({ role_id, user_id: userId })))
      .execute();
  }
}

export interface AssignmentRow extends Selectable<MeetingRolesTable> {
  role_name: string;
  role_key: string | null;
  display_name: string | null;
}

/** Role assignments of some meetings, with role and holder names. */
export async function listAssignments(
  db: Kysely<Database>,
  meetingIds: readonly string[],
): Promise<AssignmentRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .selectFrom('meeting_roles')
    .innerJoin('group_roles', 'group_roles.id', 'meeting_roles.role_id')
    .leftJoin('users', 'users.id', 'meeting_roles.user_id')
    .selectAll('meeting_roles')
    .select(['group_roles.name as role_name', 'group_roles.key as role_key', 'users.display_name'])
    .where('meeting_roles.meeting_id', 'in', meetingIds)
    .orderBy('group_roles.position')
    .execute();
}

/**
 * Marks meetings as changed for calendars: who holds a role is in each person's SUMMARY, so a
 * change of holder bumps SEQUENCE and DTSTAMP like any other change to the meeting.
 */
async function touchMeetings(
  db: Kysely<Database>,
  meetingIds: readonly string[],
  at: string,
): Promise<void> {
  if (meetingIds.length === 0) return;
  await db
    .updateTable('meetings')
    .set((eb) => ({ sequence: eb('sequence', '+', 1), updated_at: at }))
    .where('id', 'in', [...new Set(meetingIds)])
    .execute();
}

/** Sets who holds a role at a meeting (the caller skips it when nothing changes). */
export async function upsertAssignment(
  db: Kysely<Database>,
  row: Selectable<MeetingRolesTable>,
): Promise<void> {
  await touchMeetings(db, [row.meeting_id], row.updated_at);
  await db
    .insertInto('meeting_roles')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'role_id']).doUpdateSet({
        user_id: row.user_id,
        pinned_at: row.pinned_at,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** How many times each member has held each role at a group's meetings before `before`. */
export async function countPastRoles(
  db: Kysely<Database>,
  groupId: string,
  before: string,
): Promise<{ user_id: string; role_id: string; n: number }[]> {
  const rows = await db
    .selectFrom('meeting_roles')
    .innerJoin('meetings', 'meetings.id', 'meeting_roles.meeting_id')
    .select(['meeting_roles.user_id', 'meeting_roles.role_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meetings.group_id', '=', groupId)
    .where('meetings.status', '=', 'scheduled')
    .where('meetings.starts_at', '<', before)
    .where('meeting_roles.user_id', 'is not', null)
    .groupBy(['meeting_roles.user_id', 'meeting_roles.role_id'])
    .execute();
  return rows.map((r) => ({ user_id: r.user_id as string, role_id: r.role_id, n: Number(r.n) }));
}

// ---- Swaps ------------------------------------------------------------------------------

export type SwapRow = Selectable<RoleSwapsTable>;
export interface SwapWithNames extends SwapRow {
  role_name: string;
  from_name: string;
  to_name: string;
  group_id: string;
  starts_at: string;
}

const swapsWithNames = (db: Kysely<Database>) =>
  db
    .selectFrom('role_swaps')
    .innerJoin('group_roles', 'group_roles.id', 'role_swaps.role_id')
    .innerJoin('users as f', 'f.id', 'role_swaps.from_user')
    .innerJoin('users as t', 't.id', 'role_swaps.to_user')
    .innerJoin('meetings', 'meetings.id', 'role_swaps.meeting_id')
    .selectAll('role_swaps')
    .select([
      'group_roles.name as role_name',
      'f.display_name as from_name',
      't.display_name as to_name',
      'meetings.group_id',
      'meetings.starts_at',
    ]);

export async function insertSwap(db: Kysely<Database>, row: SwapRow): Promise<void> {
  await db.insertInto('role_swaps').values(row).execute();
}

export async function findSwap(
  db: Kysely<Database>,
  id: string,
): Promise<SwapWithNames | undefined> {
  return swapsWithNames(db).where('role_swaps.id', '=', id).executeTakeFirst();
}

export async function listMeetingSwaps(
  db: Kysely<Database>,
  meetingId: string,
): Promise<SwapWithNames[]> {
  return swapsWithNames(db)
    .where('role_swaps.meeting_id', '=', meetingId)
    .orderBy('role_swaps.created_at', 'desc')
    .limit(50)
    .execute();
}

/** Swaps waiting on a person's answer, for meetings not yet started. */
export async function listSwapsAwaiting(
  db: Kysely<Database>,
  userId: string,
  from: string,
): Promise<SwapWithNames[]> {
  return swapsWithNames(db)
    .where('role_swaps.to_user', '=', userId)
    .where('role_swaps.status', '=', 'pending')
    .where('meetings.starts_at', '>=', from)
    .orderBy('meetings.starts_at')
    .limit(50)
    .execute();
}

export async function decideSwap(
  db: Kysely<Database>,
  id: string,
  status: SwapRow['status'],
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('role_swaps')
    .set({ status, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A group's meetings starting after `after`, as a subquery. */
const upcomingOf = (db: Kysely<Database>, groupId: string, after: string) =>
  db
    .selectFrom('meetings')
    .select('id')
    .where('group_id', '=', groupId)
    .where('starts_at', '>', after);

/**
 * Hands a person's roles at upcoming meetings back to the rota: unpinned (they may be
 * planned again for them) or, with `release`, taken off them entirely.
 */
export async function returnRolesToRota(
  db: Kysely<Database>,
  where: {
    userId: string;
    groupId: string;
    after: string;
    meetingId?: string;
    roleIds?: readonly string[];
    release?: boolean;
  },
): Promise<void> {
  if (where.roleIds?.length === 0) return;
  let query = db
    .updateTable('meeting_roles')
    .set({
      pinned_at: null,
      updated_at: where.after,
      ...(where.release ? { user_id: null } : {}),
    })
    .where('user_id', '=', where.userId)
    .where('meeting_id', 'in', upcomingOf(db, where.groupId, where.after));
  if (where.meetingId) query = query.where('meeting_id', '=', where.meetingId);
  if (where.roleIds) query = query.where('role_id', 'in', where.roleIds);
  const changed = await query.returning('meeting_id').execute();
  // Unpinning keeps the holder; releasing changes who holds the role.
  if (where.release) {
    await touchMeetings(
      db,
      changed.map((r) => r.meeting_id),
      where.after,
    );
  }
}

/** Removes roles left out of the rota from the given meetings. */
export async function removeRolesFromMeetings(
  db: Kysely<Database>,
  meetingIds: readonly string[],
  roleIds: readonly string[],
  at: string,
): Promise<void> {
  if (meetingIds.length === 0 || roleIds.length === 0) return;
  const removed = await db
    .deleteFrom('meeting_roles')
    .where('meeting_id', 'in', meetingIds)
    .where('role_id', 'in', roleIds)
    .returning('meeting_id')
    .execute();
  await touchMeetings(
    db,
    removed.map((r) => r.meeting_id),
    at,
  );
}

/** Withdraws swaps still waiting: for one role at a meeting, or involving one person. */
export async function withdrawPendingSwaps(
  db: Kysely<Database>,
  where: { meetingId: string; roleId: string } | { userId: string },
  at: string,
): Promise<void> {
  let query = db
    .updateTable('role_swaps')
    .set({ status: 'cancelled', decided_at: at })
    .where('status', '=', 'pending');
  if ('userId' in where) {
    query = query.where((eb) =>
      eb.or([eb('from_user', '=', where.userId), eb('to_user', '=', where.userId)]),
    );
  } else {
    query = query.where('meeting_id', '=', where.meetingId).where('role_id', '=', where.roleId);
  }
  await query.execute();
}
