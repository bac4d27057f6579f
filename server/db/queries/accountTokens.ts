/** SQL for mailed one-time links: stored as hashes, one live link per person and scope. */
import type { Kysely, Selectable } from 'kysely';
import type { AccountTokensTable, Database, TokenScope } from '../tables';

export type AccountTokenRow = Selectable<AccountTokensTable>;

/** Stores a new link, voiding the person's older unused links of the same scope. */
export async function replaceAccountToken(
  db: Kysely<Database>,
  row: Omit<AccountTokenRow, 'used_at'>,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: row.created_at })
    .where('user_id', '=', row.user_id)
    .where('scope', '=', row.scope)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('account_tokens')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Uses a link: marks it used and returns it, only when it has this scope, is unused and has
 * not expired. One statement, so two uses at once cannot both succeed.
 */
export async function useAccountToken(
  db: Kysely<Database>,
  tokenHash: string,
  scope: TokenScope,
  at: string,
): Promise<AccountTokenRow | undefined> {
  return db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('scope', '=', scope)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
}

/** Whether a link would still work, without using it (to show the right page). */
export async function findLiveAccountToken(
  db: Kysely<Database>,
  tokenHash: string,
  scope: TokenScope,
  at: string,
): Promise<AccountTokenRow | undefined> {
  return db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('scope', '=', scope)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
}

/** Voids every unused link the person has (their password changed or the account closed). */
export async function voidAccountTokens(
  db: Kysely<Database>,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Removes links that can no longer be used, a day after they ended. */
export async function deleteOldAccountTokens(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('account_tokens').where('expires_at', '<', before).execute();
}
