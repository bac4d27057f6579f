import type { Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../tables';

export async function insertNotifications(
  db: Kysely<Database>,
  rows: NotificationsTable[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

/** A person's recent notifications with the group's name, newest first. */
export async function listNotifications(db: Kysely<Database>, userId: string, limit = 50) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('groups as g', 'g.id', 'n.group_id')
    .selectAll('n')
    .select('g.name as group_name')
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Kysely<Database>, userId: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}
