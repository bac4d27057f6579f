/** SQL for a group's tags: the words people can filter the directory by. */
import type { Kysely } from 'kysely';
import type { Database } from '../tables';

export async function replaceTags(
  db: Kysely<Database>,
  groupId: string,
  tags: readonly string[],
): Promise<void> {
  await db.deleteFrom('group_tags').where('group_id', '=', groupId).execute();
  const unique = [...new Set(tags)];
  if (unique.length > 0) {
    await db
      .insertInto('group_tags')
      .values(unique.map((tag) => ({ group_id: groupId, tag })))
      .execute();
  }
}

/** Tags of several groups at once, for a page of the directory. */
export async function listTagsOf(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_tags')
    .select(['group_id', 'tag'])
    .where('group_id', 'in', groupIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) map.set(row.group_id, [...(map.get(row.group_id) ?? []), row.tag]);
  return map;
}
