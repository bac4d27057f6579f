/** SQL for the record of a group's life: each stage it moved to, when, and why. */
import type { Kysely } from 'kysely';
import type { Database, GroupStageChangesTable } from '../tables';

export async function insertStageChange(
  db: Kysely<Database>,
  row: GroupStageChangesTable,
): Promise<void> {
  await db.insertInto('group_stage_changes').values(row).execute();
}

export async function listStageChanges(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('group_stage_changes')
    .leftJoin('users', 'users.id', 'group_stage_changes.actor_id')
    .select([
      'group_stage_changes.from_stage',
      'group_stage_changes.to_stage',
      'group_stage_changes.at',
      'group_stage_changes.note',
      'group_stage_changes.reason',
      'group_stage_changes.meetings_held',
      'users.display_name as actor_name',
    ])
    .where('group_stage_changes.group_id', '=', groupId)
    .orderBy('group_stage_changes.at')
    .orderBy('group_stage_changes.id')
    .execute();
}
