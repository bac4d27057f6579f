/** People in a staff role in a group (external facilitator, coordinator, observer). */
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../../core/domain/membership';
import type { Database } from '../tables';

export interface StaffWithName {
  user_id: string;
  role: StaffRole;
  added_at: string;
  display_name: string;
}

export async function listStaff(db: Kysely<Database>, groupId: string): Promise<StaffWithName[]> {
  return db
    .selectFrom('group_staff')
    .innerJoin('users', 'users.id', 'group_staff.user_id')
    .select([
      'group_staff.user_id',
      'group_staff.role',
      'group_staff.added_at',
      'users.display_name',
    ])
    .where('group_staff.group_id', '=', groupId)
    .orderBy('group_staff.added_at', 'asc')
    .execute();
}

/** Adds the person in the role; a second add of the same person changes nothing. */
export async function insertStaff(
  db: Kysely<Database>,
  row: { group_id: string; user_id: string; role: StaffRole; added_at: string },
): Promise<void> {
  await db
    .insertInto('group_staff')
    .values(row)
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .execute();
}

export async function deleteStaff(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('group_staff')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
