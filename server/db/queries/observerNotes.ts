/** SQL for the observer's notes, a group's codebook for them, and small groups' own notes. */
import type { Kysely } from 'kysely';
import type { Code } from '../../../core/domain/codebook';
import { parseColumn, storedCodebook, storedPeople } from '../jsonColumns';
import type { Database, ObserverNotesTable } from '../tables';

export type NoteRow = Omit<ObserverNotesTable, 'people'> & { people: string[] };

const toNote = (row: ObserverNotesTable): NoteRow => ({
  ...row,
  people: parseColumn(storedPeople, row.people, 'observer_notes.people'),
});

export async function findNote(db: Kysely<Database>, id: string): Promise<NoteRow | undefined> {
  const row = await db
    .selectFrom('observer_notes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toNote(row) : undefined;
}

/**
 * Keeps a note under the id its author's device gave it: the first time it is made, after
 * that it is changed, but only ever by its author in its meeting.
 */
export async function saveNote(db: Kysely<Database>, note: NoteRow): Promise<void> {
  const { created_at: _created, id: _id, meeting_id: _m, author_id: _a, ...changes } = note;
  await db
    .insertInto('observer_notes')
    .values({ ...note, people: JSON.stringify(note.people) })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ ...changes, people: JSON.stringify(note.people) })
        .where('observer_notes.author_id', '=', note.author_id)
        .where('observer_notes.meeting_id', '=', note.meeting_id),
    )
    .execute();
}

export async function deleteNote(db: Kysely<Database>, id: string, authorId: string) {
  await db
    .deleteFrom('observer_notes')
    .where('id', '=', id)
    .where('author_id', '=', authorId)
    .execute();
}

/** A session's notes, in time order: all of them, or one author's. */
export async function listNotes(
  db: Kysely<Database>,
  meetingId: string,
  authorId: string | null,
): Promise<NoteRow[]> {
  let query = db.selectFrom('observer_notes').selectAll().where('meeting_id', '=', meetingId);
  if (authorId) query = query.where('author_id', '=', authorId);
  return (await query.orderBy('starts_at').orderBy('id').execute()).map(toNote);
}

/** Erasing an account: the notes it wrote go (they are its own words). */
export async function eraseNotesOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('observer_notes').where('author_id', '=', userId).execute();
}

export async function findCodebook(db: Kysely<Database>, groupId: string): Promise<Code[] | null> {
  const row = await db
    .selectFrom('group_codebooks')
    .select('codes')
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return row ? parseColumn(storedCodebook, row.codes, 'group_codebooks.codes') : null;
}

export async function saveCodebook(
  db: Kysely<Database>,
  groupId: string,
  codes: readonly Code[],
  at: string,
): Promise<void> {
  const text = JSON.stringify(codes);
  await db
    .insertInto('group_codebooks')
    .values({ group_id: groupId, codes: text, updated_at: at })
    .onConflict((oc) => oc.column('group_id').doUpdateSet({ codes: text, updated_at: at }))
    .execute();
}

/** A small group's own notes, if it wrote any. */
export async function findGroupNotes(
  db: Kysely<Database>,
  key: { meetingId: string; breakoutsId: string; groupId: string },
) {
  return db
    .selectFrom('small_group_notes')
    .select(['text', 'updated_at'])
    .where('meeting_id', '=', key.meetingId)
    .where('breakouts_id', '=', key.breakoutsId)
    .where('group_id', '=', key.groupId)
    .executeTakeFirst();
}

export async function saveGroupNotes(
  db: Kysely<Database>,
  key: { meetingId: string; breakoutsId: string; groupId: string },
  change: { text: string; by: string; at: string },
): Promise<void> {
  await db
    .insertInto('small_group_notes')
    .values({
      meeting_id: key.meetingId,
      breakouts_id: key.breakoutsId,
      group_id: key.groupId,
      text: change.text,
      updated_by: change.by,
      updated_at: change.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['meeting_id', 'breakouts_id', 'group_id'])
        .doUpdateSet({ text: change.text, updated_by: change.by, updated_at: change.at }),
    )
    .execute();
}
