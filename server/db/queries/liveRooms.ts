/** SQL for live rooms and their command log. The room's state is parsed (and upgraded) here. */
import type { Kysely, Updateable } from 'kysely';
import { nextDeadline } from '../../../core/domain/breakouts';
import type { RoomState } from '../../../core/domain/live';
import { type LogEntry, replay } from '../../../core/domain/roomLog';
import type { Happening } from '../../../core/domain/timeline';
import { compiledOnce } from '../compiled';
import { isPostgres } from '../dialect';
import {
  parseAppliedCommand,
  parseColumn,
  parseRoomState,
  roomStateText,
  storedActor,
  storedHappenings,
} from '../jsonColumns';
import type { Database, LiveEventsTable, LiveRoomsTable } from '../tables';

/** A room as the code sees it: its state parsed into the current shape, as it stands now. */
export type RoomRow = Omit<LiveRoomsTable, 'state'> & { state: RoomState };

/** What a room's row says of where it stands: its version, and its text as last saved whole. */
type Stored = Pick<LiveRoomsTable, 'meeting_id' | 'version' | 'state'>;

/**
 * The room as it stands: its saved text, and the commands logged since applied again
 * (decision 022). Every reader of a room's state reads it through here. The text names its own
 * version, which is where the log takes over (whoever saved it, and however).
 */
export async function roomStateOf(db: Kysely<Database>, row: Stored): Promise<RoomState> {
  const saved = parseRoomState(row.state);
  if (saved.version >= row.version) return saved;
  const tail = await listTail(db, row.meeting_id, saved.version, row.version);
  const state = replay(saved, tail);
  if (state.version !== row.version) {
    throw new Error(`room ${row.meeting_id} logged up to ${state.version}, not ${row.version}`);
  }
  return state;
}

const tailRows = compiledOnce((db, meetingId: string, after: number, upTo: number) =>
  db
    .selectFrom('live_events')
    .select(['version', 'actor_id', 'client_id', 'command', 'applied', 'actor', 'at'])
    .where('meeting_id', '=', meetingId)
    .where('version', '>', after)
    .where('version', '<=', upTo)
    .orderBy('version'),
);

/**
 * The commands logged for a room after one version and up to another (the row's, as read: on
 * PostgreSQL later changes may have been committed since), in order, to be applied again.
 */
async function listTail(
  db: Kysely<Database>,
  meetingId: string,
  after: number,
  upTo: number,
): Promise<LogEntry[]> {
  const rows = await tailRows(db, meetingId, after, upTo);
  return rows.map((row) => {
    if (row.actor === null) {
      throw new Error(`room ${meetingId}: version ${row.version} was logged without its actor`);
    }
    return {
      version: Number(row.version),
      actorId: row.actor_id,
      actor: parseColumn(storedActor, row.actor, 'live_events.actor'),
      clientId: row.client_id,
      command: parseAppliedCommand(row),
      at: Date.parse(row.at),
    };
  });
}

const toRoomRow = async (db: Kysely<Database>, row: LiveRoomsTable): Promise<RoomRow> => ({
  ...row,
  state: await roomStateOf(db, row),
});

export async function findRoom(
  db: Kysely<Database>,
  meetingId: string,
): Promise<RoomRow | undefined> {
  const row = await db
    .selectFrom('live_rooms')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row ? toRoomRow(db, row) : undefined;
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
    .select(['r.meeting_id', 'r.state', 'r.version', 'm.starts_at'])
    .where('r.group_id', '=', groupId)
    .orderBy('m.starts_at', 'desc')
    .orderBy('r.meeting_id')
    .limit(limit)
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      meetingId: r.meeting_id,
      startsAt: r.starts_at,
      state: await roomStateOf(db, r),
    })),
  );
}

/** Creates the room if it is not there yet; harmless when two nodes race to create it. */
export async function insertRoomIfMissing(
  db: Kysely<Database>,
  row: Omit<RoomRow, 'saved_version'>,
): Promise<void> {
  await db
    .insertInto('live_rooms')
    .values({ ...row, state: roomStateText(row.state), saved_version: row.state.version })
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
  return { ...row, state: await roomStateOf(db, { ...row, state }) };
}

const lockRead = compiledOnce((db, meetingId: string) => {
  const read = db
    .selectFrom('live_rooms')
    .select([
      'meeting_id',
      'group_id',
      'version',
      'saved_version',
      'created_at',
      'updated_at',
      'deadline',
    ])
    .where('meeting_id', '=', meetingId);
  return isPostgres(db) ? read.forUpdate() : read;
});

/**
 * Moves a room's row on from the version it was read at, setting `set`: no row comes back if it
 * has moved on since. Saving whole, saving only the version, and the version with its deadline.
 */
const fromVersion = (
  db: Kysely<Database>,
  meetingId: string,
  from: number,
  set: Updateable<LiveRoomsTable>,
) =>
  db
    .updateTable('live_rooms')
    .set(set)
    .where('meeting_id', '=', meetingId)
    .where('version', '=', from)
    .returning('version');

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
    fromVersion(db, meetingId, from, {
      version,
      state,
      saved_version: version,
      updated_at: at,
      deadline,
    }),
);

const saveVersion = compiledOnce(
  (db, meetingId: string, from: number, version: number, at: string, deadline: number | null) =>
    fromVersion(db, meetingId, from, { version, updated_at: at, deadline }),
);

/**
 * The same, when the room's deadline stays as it is: a change that sets no deadline writes no
 * page of the deadline's index (most changes: a hand, a turn, a note).
 */
const saveVersionOnly = compiledOnce(
  (db, meetingId: string, from: number, version: number, at: string) =>
    fromVersion(db, meetingId, from, { version, updated_at: at }),
);

/**
 * Saves the room's new version, marked as saved at `updated_at`, over the version it was made
 * from (`before`): the whole room when `whole` (reusing the unchanged parts of its text), or
 * only its version, when the change is carried by the command just logged (decision 022). The
 * room is saved only from the version it was read at under its lock, so a version is never
 * written twice: were it ever to have moved on, the transaction fails instead.
 */
export async function saveRoom(
  db: Kysely<Database>,
  meetingId: string,
  change: {
    state: RoomState;
    updated_at: string;
    before: RoomState;
    whole: boolean;
    /** The deadline stored with `before`, as read under the lock (when known). */
    deadline?: number | null;
  },
): Promise<void> {
  const { state, updated_at, before, whole } = change;
  const deadline = nextDeadline(state);
  const saved = whole
    ? await saveState(
        db,
        meetingId,
        before.version,
        state.version,
        roomStateText(state, before),
        updated_at,
        deadline,
      )
    : deadline === change.deadline
      ? await saveVersionOnly(db, meetingId, before.version, state.version, updated_at)
      : await saveVersion(db, meetingId, before.version, state.version, updated_at, deadline);
  if (saved.length === 0) {
    throw new Error(`room ${meetingId} moved on from version ${before.version} under its lock`);
  }
}

/**
 * Saves a room whole as this node holds it, if the room is still at that version, saved at that
 * moment, and carried by its log (a server stopping on purpose leaves its rooms saved whole).
 */
export async function saveHeldRoom(
  db: Kysely<Database>,
  meetingId: string,
  held: { state: RoomState; savedAt: string },
): Promise<void> {
  await db
    .updateTable('live_rooms')
    .set({ state: roomStateText(held.state), saved_version: held.state.version })
    .where('meeting_id', '=', meetingId)
    .where('version', '=', held.state.version)
    .where('updated_at', '=', held.savedAt)
    .where('saved_version', '<', held.state.version)
    .execute();
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
    .set((eb) => ({
      state: text,
      saved_version: eb.ref('version'),
      updated_at: `${new Date().toISOString()} (written directly)`,
    }))
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
    actor: string | null,
    applied: string | null,
  ) =>
    db
      .insertInto('live_events')
      .values({ meeting_id, version, actor_id, client_id, command, at, happened, actor, applied })
      .onConflict((oc) => oc.columns(['meeting_id', 'actor_id', 'client_id']).doNothing())
      .returning('version'),
);

/**
 * Logs a command, unless this person's command with this id is logged already (a retry):
 * false then, and nothing is written.
 */
export async function insertEvent(db: Kysely<Database>, row: LiveEventsTable): Promise<boolean> {
  const { meeting_id, version, actor_id, client_id, command, at, happened, actor, applied } = row;
  const logged = await insertRow(
    db,
    meeting_id,
    version,
    actor_id,
    client_id,
    command,
    at,
    happened,
    actor,
    applied,
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
