import type { Kysely, Selectable } from 'kysely';
import type { Database, IdempotencyKeysTable } from '../tables';

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/** Claims a key for a request; false when the key was already claimed. */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  row: Omit<IdempotencyKeyRow, 'status' | 'body'>,
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ ...row, status: null, body: null })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function completeIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
  answer: { status: number; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set(answer)
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/** Lets the key be used again (the request was refused, so nothing was made). */
export async function releaseIdempotencyKey(
  db: Kysely<Database>,
  userId: string,
  key: string,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

export async function deleteOldIdempotencyKeys(
  db: Kysely<Database>,
  before: string,
): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}
