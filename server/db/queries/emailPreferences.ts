/** SQL for each person's choice of which emails they get. */
import type { Kysely } from 'kysely';
import type { EmailPreferences } from '../../../core/protocol/mail';
import { parseColumn, storedEmailPreferences } from '../jsonColumns';
import type { Database } from '../tables';

/** What each of these people chose, as they saved it (missing choices are not filled in). */
export async function findEmailPreferences(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<{ user_id: string; preferences: Partial<EmailPreferences> }[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('email_preferences')
    .select(['user_id', 'preferences'])
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => ({
    user_id: r.user_id,
    preferences: parseColumn(
      storedEmailPreferences,
      r.preferences,
      'email_preferences.preferences',
    ),
  }));
}

export async function saveEmailPreferences(
  db: Kysely<Database>,
  userId: string,
  chosen: EmailPreferences,
  at: string,
): Promise<void> {
  const preferences = JSON.stringify(chosen);
  await db
    .insertInto('email_preferences')
    .values({ user_id: userId, preferences, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ preferences, updated_at: at }))
    .execute();
}
