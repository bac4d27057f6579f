import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../tables';

export type SessionRow = SessionsTable;

export interface SessionWithUser extends SessionRow {
  email: string;
  display_name: string;
  user_created_at: string;
  email_verified_at: string | null;
  email_trusted: number;
}

export async function insertSession(db: Kysely<Database>, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session and its user in one query: this runs on every signed-in request. */
export async function findSessionByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.token_hash',
      'sessions.device',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.email',
      'users.display_name',
      'users.created_at as user_created_at',
      'users.email_verified_at',
      'users.email_trusted',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Notes that a session was used; false when it no longer exists (it was ended elsewhere). */
export async function touchSession(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends one of a user's sessions; returns false when it is not theirs or already gone. */
export async function deleteUserSession(
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listUserSessions(
  db: Kysely<Database>,
  userId: string,
): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Removes sessions past their absolute end or idle for longer than allowed. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: string,
  idleSince: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

/** Whether a session still exists (it has not been ended or purged). */
export async function sessionExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Ends a person's sessions, all but `except` when given; returns the ended ids. */
export async function deleteSessionsOf(
  db: Kysely<Database>,
  userId: string,
  except: string | null,
): Promise<string[]> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id', '!=', except);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** The ids of a person's sessions. */
export async function listSessionIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}
