/** SQL for live rooms and their command log. The room's state is parsed (and upgraded) here. */
import type { Kysely } from 'kysely';
import { nextDeadline } from '../../../core/domain/breakouts';
import type { RoomState } from '../../../core/domain/live';
import type { Happening } from '../../../core/domain/timeline';
import { parseColumn, parseRoomState, roomStateText, storedHappenings } from '../jsonColumns';
import type { Database, LiveEventsTable, LiveRoomsTable } from '../tables';

/** A room as the code sees it: its state parsed into the current shape. */
export type RoomRow = Omit<LiveRoomsTable, 'state'> & { state: RoomState };

const toRoomRow = (row: LiveRoomsTable): RoomRow => ({ ...row, state: parseRoomState(row.state) });

export async function findRoom(
  db: Kysely<Database>,
  meetingId: string,
): Promise<RoomRow | undefined> {
  const row = await db
    .selectFrom('live_rooms')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row ? toRoomRow(row) : undefined;
}

/** Rooms whose deadline has come: the server acts for them (any node may). */
export async function listDueRooms(
  db: Kysely<Database>,
  now: number,
): Promise<{ meeting_id: string; deadline: number }[]> {
  const rows = await db
    .selectFrom('live_rooms')
    .select(['meeting_id', 'deadline'])
    .where('deadline', '<=', now)
    .orderBy('deadline')
    .limit(100)
    .execute();
  return rows.map((r) => ({ meeting_id: r.meeting_id, deadline: Number(r.deadline) }));
}

/** The rooms of a group's most recent sessions (parsed), newest first. */
export async function listGroupRooms(
  db: Kysely<Database>,
  groupId: string,
  limit: number,
): Promise<{ meetingId: string; startsAt: string; state: RoomState }[]> {
  const rows = await db
    .selectFrom('live_rooms as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['r.meeting_id', 'r.state', 'm.starts_at'])
    .where('r.group_id', '=', groupId)
    .orderBy('m.starts_at', 'desc')
    .orderBy('r.meeting_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    meetingId: r.meeting_id,
    startsAt: r.starts_at,
    state: parseRoomState(r.state),
  }));
}

/** Creates the room if it is not there yet; harmless when two nodes race to create it. */
export async function insertRoomIfMissing(db: Kysely<Database>, row: RoomRow): Promise<void> {
  await db
    .insertInto('live_rooms')
    .values({ ...row, state: roomStateText(row.state) })
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
  /**
   * A state the caller already holds, with the text it was stored as: used as it is, not
   * parsed again, when the stored text is still exactly that (nothing else changed it).
   */
  known?: (version: number) => { state: RoomState; text: string } | null,
): Promise<RoomRow | undefined> {
  const row = await db
    .updateTable('live_rooms')
    .set({ updated_at: now })
    .where('meeting_id', '=', meetingId)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  const held = known?.(row.version);
  return held && held.text === row.state ? { ...row, state: held.state } : toRoomRow(row);
}

/** Saves the room's new state; answers the text it was stored as. */
export async function saveRoom(
  db: Kysely<Database>,
  meetingId: string,
  change: { state: RoomState; updated_at: string },
): Promise<string> {
  const text = roomStateText(change.state);
  await db
    .updateTable('live_rooms')
    .set({
      version: change.state.version,
      state: text,
      updated_at: change.updated_at,
      deadline: nextDeadline(change.state),
    })
    .where('meeting_id', '=', meetingId)
    .execute();
  return text;
}

/** Writes a room's state as stored text exactly (for tests of older stored shapes). */
export async function writeRawRoomState(
  db: Kysely<Database>,
  meetingId: string,
  text: string,
): Promise<void> {
  await db
    .updateTable('live_rooms')
    .set({ state: text })
    .where('meeting_id', '=', meetingId)
    .execute();
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

/** What happened in a session, in order: each logged change and what it amounted to. */
export async function listHappenings(
  db: Kysely<Database>,
  meetingId: string,
): Promise<{ version: number; actorId: string; at: string; happened: Happening[] }[]> {
  const rows = await db
    .selectFrom('live_events')
    .select(['version', 'actor_id', 'at', 'happened'])
    .where('meeting_id', '=', meetingId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    actorId: r.actor_id,
    at: r.at,
    happened: r.happened ? parseColumn(storedHappenings, r.happened, 'live_events.happened') : [],
  }));
}
