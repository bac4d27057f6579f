/** SQL for passkeys and the challenges of WebAuthn ceremonies. */
import type { Kysely, Selectable } from 'kysely';
import type { ChallengePurpose, Database, PasskeysTable, WebauthnChallengesTable } from '../tables';

export type PasskeyRow = Selectable<PasskeysTable>;
export type ChallengeRow = Selectable<WebauthnChallengesTable>;

export async function insertPasskey(db: Kysely<Database>, row: PasskeyRow): Promise<void> {
  await db.insertInto('passkeys').values(row).execute();
}

export async function findPasskey(
  db: Kysely<Database>,
  id: string,
): Promise<PasskeyRow | undefined> {
  return db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPasskeysOf(db: Kysely<Database>, userId: string): Promise<PasskeyRow[]> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function usePasskey(
  db: Kysely<Database>,
  id: string,
  counter: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('passkeys')
    .set({ counter, last_used_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deletePasskey(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('passkeys')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setPasskeyHandle(
  db: Kysely<Database>,
  userId: string,
  handle: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ passkey_handle: handle })
    .where('id', '=', userId)
    .where('passkey_handle', 'is', null)
    .execute();
}

export async function insertChallenge(db: Kysely<Database>, row: ChallengeRow): Promise<void> {
  await db.insertInto('webauthn_challenges').values(row).execute();
}

/** Takes a challenge for use: it is deleted, so it works once, and only before it expires. */
export async function takeChallenge(
  db: Kysely<Database>,
  id: string,
  purpose: ChallengePurpose,
  now: string,
): Promise<ChallengeRow | undefined> {
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.purpose !== purpose || row.expires_at <= now) return undefined;
  return row;
}

export async function deleteOldChallenges(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
}

/** Notes that the session's person confirmed it is them, just now. */
export async function confirmSession(
  db: Kysely<Database>,
  sessionId: string,
  at: string,
): Promise<void> {
  await db.updateTable('sessions').set({ confirmed_at: at }).where('id', '=', sessionId).execute();
}

export async function sessionConfirmedAt(
  db: Kysely<Database>,
  sessionId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('confirmed_at')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.confirmed_at ?? null;
}
