import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../tables';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(
  db: Kysely<Database>,
  user: Insertable<UsersTable>,
): Promise<void> {
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

/** The generation of each person's one-click mail links (0 until they replace them). */
export async function listMailLinkGenerations(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'mail_link_generation'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.mail_link_generation)]));
}

/** Stops every one-click mail link the person has: the next mail carries a new one. */
export async function raiseMailLinkGeneration(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ mail_link_generation: eb('mail_link_generation', '+', 1) }))
    .where('id', '=', id)
    .execute();
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

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setDisplayName(
  db: Kysely<Database>,
  id: string,
  displayName: string,
): Promise<void> {
  await db.updateTable('users').set({ display_name: displayName }).where('id', '=', id).execute();
}

/** Moves the account to a new address; confirmAddress then records it as shown to be theirs. */
export async function setEmail(db: Kysely<Database>, id: string, email: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ email, email_verified_at: null, email_trusted: 0 })
    .where('id', '=', id)
    .execute();
}

/** Records that the person showed the address is theirs; true when this is the first time. */
export async function markEmailVerified(
  db: Kysely<Database>,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ email_verified_at: at })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether Hearth may send this person more than account mail: verified, or from before. */
export const mayMail = (user: Pick<UserRow, 'email_verified_at' | 'email_trusted'>) =>
  user.email_verified_at !== null || Number(user.email_trusted) === 1;

/** The people among these whose address Hearth may not write to yet (see `mayMail`). */
export async function listUnverified(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('email_verified_at', 'is', null)
    .where('email_trusted', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.id));
}
