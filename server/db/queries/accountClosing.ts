/**
 * SQL for closing and erasing accounts. Erasure removes what identifies a person and what
 * they wrote; the group's record keeps its shape (versions, outcomes and counts stay, and
 * the person's rows point at an account that now says "Former member").
 */

import { type Kysely, sql } from 'kysely';
import type { RoomState } from '../../../core/domain/live';
import { isPostgres, likePattern } from '../dialect';
import type { Database } from '../tables';
import { roomStateOf } from './liveRooms';
import { eraseNotesOf } from './observerNotes';
import { eraseTracksOf } from './recordings';
import { eraseReflectionsOf } from './reflections';
import { eraseSpaceWordsOf } from './space';

/** What erased words read as, wherever a person's own text stood. */
export const REMOVED_BY_AUTHOR = '[removed by its author]';
/** The name an erased account shows. */
export const FORMER_MEMBER = 'Former member';

/** Every group a person is tied to: a member, on its waitlist, or with an application open. */
export async function listGroupTiesOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('group_id')
    .where('user_id', '=', userId)
    .union(db.selectFrom('waitlist').select('group_id').where('user_id', '=', userId))
    .union(db.selectFrom('group_staff').select('group_id').where('user_id', '=', userId))
    .union(
      db
        .selectFrom('applications')
        .select('group_id')
        .where('user_id', '=', userId)
        .where('status', 'in', ['pending', 'waitlisted']),
    )
    .execute();
  return rows.map((r) => r.group_id);
}

/** Withdraws the person's open applications to a group. */
export async function withdrawOpenApplications(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('applications')
    .set({ status: 'withdrawn', decided_at: at, decided_by: userId })
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .where('status', 'in', ['pending', 'waitlisted'])
    .execute();
}

export async function markClosed(
  db: Kysely<Database>,
  userId: string,
  at: string,
  eraseAfter: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ closed_at: at, erase_after: eraseAfter })
    .where('id', '=', userId)
    .execute();
}

/** Opens a closed account again (the person signed back in in time); true when it was closed. */
export async function reopen(db: Kysely<Database>, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ closed_at: null, erase_after: null })
    .where('id', '=', userId)
    .where('closed_at', 'is not', null)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closed accounts whose time to undo has passed. */
export async function listDueErasures(
  db: Kysely<Database>,
  now: string,
): Promise<{ id: string; email: string; display_name: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('erase_after', '<=', now)
    .where('erased_at', 'is', null)
    .limit(100)
    .execute();
}

/**
 * Erases one account, in the caller's transaction. Rows that are only about the person go;
 * their words in the group's record become REMOVED_BY_AUTHOR; the account row stays, nameless.
 */
export async function eraseAccount(
  db: Kysely<Database>,
  user: { id: string; email: string; display_name: string },
  at: string,
): Promise<void> {
  const id = user.id;
  // Only about the person.
  for (const table of [
    'sessions',
    'account_tokens',
    'passkeys',
    'webauthn_challenges',
    'sign_in_sources',
    'email_preferences',
    'calendar_feeds',
    'notifications',
    'idempotency_keys',
    'live_presence',
    'waitlist',
    'role_not_ready',
    'purpose_answers',
    'group_staff',
    'meeting_observers',
    'space_reads',
    'space_warmth',
  ] as const) {
    await db.deleteFrom(table).where('user_id', '=', id).execute();
  }
  await db
    .deleteFrom('email_outbox')
    .where((eb) => eb.or([eb('user_id', '=', id), eb('to_address', '=', user.email)]))
    .execute();
  await db
    .updateTable('invites')
    .set({ sent_to: null })
    .where('sent_to', '=', user.email)
    .execute();
  await db
    .updateTable('applications')
    .set({ answers: '{}', message: null })
    .where('user_id', '=', id)
    .execute();
  await db.updateTable('rsvps').set({ note: null }).where('user_id', '=', id).execute();

  // Their words in the group's record.
  await db
    .updateTable('agreement_proposals')
    .set({ reason: REMOVED_BY_AUTHOR })
    .where('proposer_id', '=', id)
    .execute();
  await db
    .updateTable('agreement_proposal_rounds')
    .set({ reason: REMOVED_BY_AUTHOR })
    .where('proposal_id', 'in', (eb) =>
      eb.selectFrom('agreement_proposals').select('id').where('proposer_id', '=', id),
    )
    .execute();
  await db
    .updateTable('agreement_proposals')
    .set({ close_note: REMOVED_BY_AUTHOR })
    .where('closed_by', '=', id)
    .where('close_note', 'is not', null)
    .execute();
  for (const table of ['agreement_responses', 'group_decision_responses'] as const) {
    await db
      .updateTable(table)
      .set({ note: REMOVED_BY_AUTHOR })
      .where('user_id', '=', id)
      .where('note', 'is not', null)
      .execute();
  }
  await db
    .updateTable('role_swaps')
    .set({ note: REMOVED_BY_AUTHOR })
    .where('from_user', '=', id)
    .where('note', 'is not', null)
    .execute();
  await db
    .updateTable('group_stage_changes')
    .set({ note: REMOVED_BY_AUTHOR })
    .where('actor_id', '=', id)
    .where('note', 'is not', null)
    .execute();

  await eraseSpaceWordsOf(db, id, at, REMOVED_BY_AUTHOR);
  await eraseReflectionsOf(db, id);
  await eraseNotesOf(db, id);
  await eraseTracksOf(db, id, at);

  // The account itself: nothing left that says who it was.
  await db
    .updateTable('users')
    .set({
      email: `erased-${id}@erased.invalid`,
      display_name: FORMER_MEMBER,
      password_hash: '',
      email_verified_at: null,
      email_trusted: 0,
      erased_at: at,
      erase_after: null,
      passkey_handle: null,
      mail_link_generation: sql`mail_link_generation + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Live rooms that name the person (their state keeps names for the session's record), as they
 * stand. Locked on PostgreSQL, in the order the room writer locks rooms (by id), so that no
 * change made meanwhile is written over when the erasure rewrites them; SQLite has one writer.
 */
export async function listRoomsNaming(
  db: Kysely<Database>,
  userId: string,
): Promise<{ meeting_id: string; state: RoomState }[]> {
  const query = db
    .selectFrom('live_rooms')
    .select(['meeting_id', 'version', 'state'])
    .where(sql<boolean>`state like ${likePattern(userId)} escape '\\'`)
    .orderBy('meeting_id');
  const rows = await (isPostgres(db) ? query.forUpdate() : query).execute();
  return Promise.all(
    rows.map(async (row) => ({ meeting_id: row.meeting_id, state: await roomStateOf(db, row) })),
  );
}

/** Mail to others that named the person: their name is replaced. */
export async function listMailNaming(
  db: Kysely<Database>,
  name: string,
): Promise<{ id: string; subject: string; text_body: string; html_body: string }[]> {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'subject', 'text_body', 'html_body'])
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(text_body) like ${likePattern(name)} escape '\\'`,
        sql<boolean>`lower(subject) like ${likePattern(name)} escape '\\'`,
      ]),
    )
    .execute();
}

export async function rewriteMail(
  db: Kysely<Database>,
  id: string,
  mail: { subject: string; text_body: string; html_body: string },
): Promise<void> {
  await db.updateTable('email_outbox').set(mail).where('id', '=', id).execute();
}
