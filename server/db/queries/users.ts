import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../tables';

export type UserRow = UsersTable;

export async function insertUser(db: Kysely<Database>, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function updatePasswordHash(
  db: Kysely<Database>,
  id: string,
  hash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
}

export async function findUserEmail(
  db: Kysely<Database>,
  id: string,
): Promise<{ email: string } | undefined> {
  return db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirst();
}

/** Names and addresses of several people, for mail to people who are not (yet) members. */
export async function listContacts(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ userId: string; email: string; displayName: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id as userId', 'email', 'display_name as displayName'])
    .where('id', 'in', ids)
    .execute();
}
