/** SQL for people's secret calendar feeds (only a hash of each address's token is kept). */
import type { Kysely } from 'kysely';
import type { Database } from '../tables';

export async function findFeedOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function findFeedByToken(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function replaceFeed(
  db: Kysely<Database>,
  userId: string,
  tokenHash: string,
  at: string,
): Promise<void> {
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: tokenHash, created_at: at })
    .execute();
}

export async function deleteFeed(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
}
