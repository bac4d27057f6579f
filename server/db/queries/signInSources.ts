/** SQL for where people have signed in from: hashed devices and networks. */
import type { Kysely } from 'kysely';
import type { Database } from '../tables';

/** Which of these sources the person has signed in from before. */
export async function knownSources(
  db: Kysely<Database>,
  userId: string,
  sourceHashes: readonly string[],
): Promise<boolean> {
  if (sourceHashes.length === 0) return false;
  const row = await db
    .selectFrom('sign_in_sources')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('source_hash', 'in', [...sourceHashes])
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers the sources of a successful sign-in. */
export async function rememberSources(
  db: Kysely<Database>,
  userId: string,
  sourceHashes: readonly string[],
  at: string,
): Promise<void> {
  if (sourceHashes.length === 0) return;
  await db
    .insertInto('sign_in_sources')
    .values(sourceHashes.map((source_hash) => ({ user_id: userId, source_hash, last_used_at: at })))
    .onConflict((oc) => oc.columns(['user_id', 'source_hash']).doUpdateSet({ last_used_at: at }))
    .execute();
}

/** Forgets sources not used for a long time. */
export async function deleteOldSignInSources(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('sign_in_sources').where('last_used_at', '<', before).execute();
}

/** How many places the person has signed in from. */
export async function countSources(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('sign_in_sources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
