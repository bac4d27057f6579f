/** SQL for observers from outside a group, each invited to one of its meetings (migration 018). */
import type { Kysely } from 'kysely';
import type { Database, MeetingObserversTable } from '../tables';

/** Makes the person the meeting's guest observer; harmless when they already are. */
export async function addMeetingObserver(
  db: Kysely<Database>,
  row: MeetingObserversTable,
): Promise<void> {
  await db
    .insertInto('meeting_observers')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
    .execute();
}

/** Whether the person was invited to observe this meeting. */
export async function observesMeeting(
  db: Kysely<Database>,
  meetingId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_observers')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The meeting's guest observers, first invited first. */
export async function listMeetingObservers(
  db: Kysely<Database>,
  meetingId: string,
): Promise<{ user_id: string; display_name: string; added_at: string }[]> {
  return db
    .selectFrom('meeting_observers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.user_id', 'u.display_name', 'o.added_at'])
    .where('o.meeting_id', '=', meetingId)
    .orderBy('o.added_at')
    .execute();
}
