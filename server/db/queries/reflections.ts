/** SQL for check-out reflections. */
import type { Kysely } from 'kysely';
import type { Database, SessionReflectionsTable } from '../tables';

/** Keeps a person's reflection on a session: the first, or a new version of it. */
export async function saveReflection(
  db: Kysely<Database>,
  row: Omit<SessionReflectionsTable, 'created_at' | 'updated_at'> & { at: string },
): Promise<void> {
  const { at, ...values } = row;
  await db
    .insertInto('session_reflections')
    .values({ ...values, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'user_id']).doUpdateSet({
        words: values.words,
        rating: values.rating,
        shared: values.shared,
        updated_at: at,
      }),
    )
    .execute();
}

export async function findReflection(
  db: Kysely<Database>,
  meetingId: string,
  userId: string,
): Promise<SessionReflectionsTable | undefined> {
  return db
    .selectFrom('session_reflections')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteReflection(
  db: Kysely<Database>,
  meetingId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('session_reflections')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}

/** Reflections on a session that their authors shared with the group, with their names. */
export async function listSharedReflections(db: Kysely<Database>, meetingId: string) {
  return db
    .selectFrom('session_reflections as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.display_name', 'r.words', 'r.rating'])
    .where('r.meeting_id', '=', meetingId)
    .where('r.shared', '=', 1)
    .orderBy('r.created_at')
    .orderBy('r.user_id')
    .execute();
}

/** Erasing an account: its reflections go (they are its own words). */
export async function eraseReflectionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('session_reflections').where('user_id', '=', userId).execute();
}
