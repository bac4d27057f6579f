/** SQL for a group's purpose: members' answers, and every purpose it has adopted. */
import type { Kysely } from 'kysely';
import type { Database } from '../tables';

export async function upsertPurposeAnswer(
  db: Kysely<Database>,
  row: { group_id: string; user_id: string; answer: string; answered_at: string },
): Promise<void> {
  await db
    .insertInto('purpose_answers')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'user_id'])
        .doUpdateSet({ answer: row.answer, answered_at: row.answered_at }),
    )
    .execute();
}

/** Answers from current members only, oldest first. */
export async function listPurposeAnswers(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('purpose_answers')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.group_id', '=', 'purpose_answers.group_id')
        .onRef('memberships.user_id', '=', 'purpose_answers.user_id'),
    )
    .innerJoin('users', 'users.id', 'purpose_answers.user_id')
    .select([
      'purpose_answers.user_id',
      'purpose_answers.answer',
      'purpose_answers.answered_at',
      'users.display_name',
    ])
    .where('purpose_answers.group_id', '=', groupId)
    .orderBy('purpose_answers.answered_at')
    .execute();
}

export async function clearPurposeAnswers(db: Kysely<Database>, groupId: string): Promise<void> {
  await db.deleteFrom('purpose_answers').where('group_id', '=', groupId).execute();
}

export async function listPurposeVersions(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('purpose_versions')
    .select(['version', 'purpose', 'adopted_at'])
    .where('group_id', '=', groupId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPurposeVersion(
  db: Kysely<Database>,
  row: { group_id: string; purpose: string; adopted_at: string; decision_id: string | null },
): Promise<number> {
  const last = await db
    .selectFrom('purpose_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('group_id', '=', row.group_id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('purpose_versions')
    .values({ ...row, version })
    .execute();
  return version;
}

/** Starts a round of asking (or stops it, with null); a new round clears earlier answers. */
export async function setPurposeAsked(
  db: Kysely<Database>,
  groupId: string,
  at: string | null,
): Promise<void> {
  await db.updateTable('groups').set({ purpose_asked_at: at }).where('id', '=', groupId).execute();
}

/** The purpose the group adopted becomes its purpose, and the asking round ends. */
export async function setAdoptedPurpose(
  db: Kysely<Database>,
  groupId: string,
  purpose: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ purpose, purpose_asked_at: null, updated_at: at })
    .where('id', '=', groupId)
    .execute();
}
