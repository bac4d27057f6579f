/** SQL for live rooms and their command log. */
import type { Kysely } from 'kysely';
import type { Database, LiveEventsTable, LiveRoomsTable } from '../tables';

export async function findRoom(
  db: Kysely<Database>,
  meetingId: string,
): Promise<LiveRoomsTable | undefined> {
  return db
    .selectFrom('live_rooms')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
}

/** Creates the room if it is not there yet; harmless when two nodes race to create it. */
export async function insertRoomIfMissing(
  db: Kysely<Database>,
  row: LiveRoomsTable,
): Promise<void> {
  await db
    .insertInto('live_rooms')
    .values(row)
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .execute();
}

/**
 * Takes the room's row lock for the rest of the transaction (PostgreSQL) or the write lock
 * (SQLite), and returns the room as it stands under it.
 */
export async function lockRoom(
  db: Kysely<Database>,
  meetingId: string,
  now: string,
): Promise<LiveRoomsTable | undefined> {
  return db
    .updateTable('live_rooms')
    .set({ updated_at: now })
    .where('meeting_id', '=', meetingId)
    .returningAll()
    .executeTakeFirst();
}

export async function saveRoom(
  db: Kysely<Database>,
  meetingId: string,
  change: { version: number; state: string; updated_at: string },
): Promise<void> {
  await db.updateTable('live_rooms').set(change).where('meeting_id', '=', meetingId).execute();
}

export async function insertEvent(db: Kysely<Database>, row: LiveEventsTable): Promise<void> {
  await db.insertInto('live_events').values(row).execute();
}

/** A command this person already sent with this id, if any. */
export async function findEvent(
  db: Kysely<Database>,
  meetingId: string,
  actorId: string,
  clientId: string,
): Promise<LiveEventsTable | undefined> {
  return db
    .selectFrom('live_events')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('actor_id', '=', actorId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Records someone's arrival, unless their attendance is already recorded. */
export async function recordArrival(
  db: Kysely<Database>,
  row: { meeting_id: string; user_id: string; arrived_at: string },
): Promise<void> {
  await db
    .insertInto('attendance')
    .values({
      ...row,
      status: 'present',
      recorded_by: row.user_id,
      recorded_at: row.arrived_at,
    })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
    .execute();
}

/** The agenda the group last chose, and its own agenda (JSON) if it has one. */
export async function findSessionAgenda(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ template: string | null; agenda: string | null }> {
  const row = await db
    .selectFrom('groups')
    .select(['session_template', 'session_agenda'])
    .where('id', '=', groupId)
    .executeTakeFirst();
  return { template: row?.session_template ?? null, agenda: row?.session_agenda ?? null };
}

export async function setSessionTemplate(
  db: Kysely<Database>,
  groupId: string,
  templateId: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ session_template: templateId })
    .where('id', '=', groupId)
    .execute();
}
