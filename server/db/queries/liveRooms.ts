/** SQL for live rooms and their command log. The room's state is parsed (and upgraded) here. */
import type { Kysely } from 'kysely';
import { nextDeadline } from '../../../core/domain/breakouts';
import type { RoomState } from '../../../core/domain/live';
import type { Happening } from '../../../core/domain/timeline';
import { compiledOnce } from '../compiled';
import { isPostgres } from '../dialect';
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
 * Takes the room's row lock for the rest of the transaction and returns the room as it
 * stands under it. PostgreSQL locks the row (FOR UPDATE). SQLite has one writer at a time:
 * within this process the connection runs one transaction at a time, and in WAL mode a
 * transaction that read a snapshot cannot write once another process has written since
 * (SQLITE_BUSY_SNAPSHOT), so a plain read is the lock and no change is ever lost. Writing
 * the row to itself would rewrite its 6 KB state for nothing.
 */
export async function lockRoom(
  db: Kysely<Database>,
  meetingId: string,
  /**
   * A state the caller already holds, with when it was saved: used as it is, neither read
   * nor parsed again, when the row is still that version saved at that moment.
   */
  known?: (version: number) => { state: RoomState; savedAt: string } | null,
): Promise<RoomRow | undefined> {
  const [row] = await lockRead(db, meetingId);
  if (!row) return undefined;
  const held = known?.(row.version);
  if (held && held.savedAt === row.updated_at) return { ...row, state: held.state };
  const { state } = await db
    .selectFrom('live_rooms')
    .select('state')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return { ...row, state: parseRoomState(state) };
}

const lockRead = compiledOnce((db, meetingId: string) => {
  const read = db
    .selectFrom('live_rooms')
    .select(['meeting_id', 'group_id', 'version', 'created_at', 'updated_at', 'deadline'])
    .where('meeting_id', '=', meetingId);
  return isPostgres(db) ? read.forUpdate() : read;
});

const saveState = compiledOnce(
  (
    db,
    meetingId: string,
    from: number,
    version: number,
    state: string,
    at: string,
    deadline: number | null,
  ) =>
    db
      .updateTable('live_rooms')
      .set({ version, state, updated_at: at, deadline })
      .where('meeting_id', '=', meetingId)
      .where('version', '=', from)
      .returning('version'),
);

/**
 * Saves the room's new state, marked as saved at `updated_at`, over the version it was made
 * from (`before`), whose unchanged parts of text are reused. The room is saved only from the
 * version it was read at under its lock, so a version is never written twice: were it ever to
 * have moved on, the transaction fails instead.
 */
export async function saveRoom(
  db: Kysely<Database>,
  meetingId: string,
  change: { state: RoomState; updated_at: string; before: RoomState },
): Promise<void> {
  const { state, updated_at, before } = change;
  const saved = await saveState(
    db,
    meetingId,
    before.version,
    state.version,
    roomStateText(state, before),
    updated_at,
    nextDeadline(state),
  );
  if (saved.length === 0) {
    throw new Error(`room ${meetingId} moved on from version ${before.version} under its lock`);
  }
}

/**
 * Writes a room's state as stored text exactly, outside the room's write path (erasing a
 * person's name; tests of older stored shapes), marked with a time no write of the room's own
 * carries: a node holding the room as it last wrote it sees the mark has changed and reads
 * the room again before its next change, instead of writing its own copy back.
 */
export async function rewriteRoomState(
  db: Kysely<Database>,
  meetingId: string,
  text: string,
): Promise<void> {
  await db
    .updateTable('live_rooms')
    .set({ state: text, updated_at: `${new Date().toISOString()} (written directly)` })
    .where('meeting_id', '=', meetingId)
    .execute();
}

const insertRow = compiledOnce(
  (
    db,
    meeting_id: string,
    version: number,
    actor_id: string,
    client_id: string,
    command: string,
    at: string,
    happened: string | null,
  ) =>
    db
      .insertInto('live_events')
      .values({ meeting_id, version, actor_id, client_id, command, at, happened })
      .onConflict((oc) => oc.columns(['meeting_id', 'actor_id', 'client_id']).doNothing())
      .returning('version'),
);

/**
 * Logs a command, unless this person's command with this id is logged already (a retry):
 * false then, and nothing is written.
 */
export async function insertEvent(db: Kysely<Database>, row: LiveEventsTable): Promise<boolean> {
  const { meeting_id, version, actor_id, client_id, command, at, happened } = row;
  const logged = await insertRow(
    db,
    meeting_id,
    version,
    actor_id,
    client_id,
    command,
    at,
    happened,
  );
  return logged.length > 0;
}

const findRow = compiledOnce((db, meetingId: string, actorId: string, clientId: string) =>
  db
    .selectFrom('live_events')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('actor_id', '=', actorId)
    .where('client_id', '=', clientId),
);

/** A command this person already sent with this id, if any. */
export async function findEvent(
  db: Kysely<Database>,
  meetingId: string,
  actorId: string,
  clientId: string,
): Promise<LiveEventsTable | undefined> {
  const [row] = await findRow(db, meetingId, actorId, clientId);
  return row;
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
