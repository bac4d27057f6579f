/**
 * Live rooms: who may come in, the room as it stands, and commands applied one at a time
 * under the room's lock, each logged with the new state and version in one transaction.
 */

import type { Transaction } from 'kysely';
import {
  type Actor,
  type Command,
  currentPhase,
  newRoom,
  passedIds,
  phaseEndsAt,
  type RoomState,
  waiting,
} from '../../core/domain/live';
import type { LiveCommand, Refusal } from '../../core/domain/liveCommands';
import {
  agendaTemplate,
  DEFAULT_TEMPLATE_ID,
  findTemplate,
  planPhases,
  SESSION_TEMPLATES,
  type SessionTemplate,
} from '../../core/domain/liveTemplates';
import { applyCommand } from '../../core/domain/room';
import { loggedActor, saveWhole, seedOf } from '../../core/domain/roomLog';
import { leastHeardFirst } from '../../core/domain/speaking';
import { describeChange } from '../../core/domain/timeline';
import { AppError } from '../../core/errors';
import type { RoomView, SmallRoomView } from '../../core/protocol/live';
import { authorize } from '../access/requireGroupAccess';
import { type MeetingAccess, requireMeetingAccess } from '../access/requireMeetingAccess';
import type { Viewer } from '../access/viewer';
import { updateGroup } from '../db/queries/groups';
import {
  findEvent,
  findRoom,
  insertEvent,
  insertRoomIfMissing,
  lockRoom,
  type RoomRow,
  saveHeldRoom,
  saveRoom,
} from '../db/queries/liveRooms';
import { recordArrival } from '../db/queries/meetings';
import type { Database } from '../db/tables';
import type { Deps } from '../deps';
import { withGroupLock } from '../locks/withGroupLock';

export interface LiveAccess {
  viewer: Viewer;
  meetingId: string;
  groupId: string;
  groupName: string;
  purpose: string | null;
  durationMinutes: number;
  actor: Actor;
  /** The meeting's facilitator from the rota, if it has one. */
  facilitatorId: string | null;
  /** The meeting's timekeeper from the rota, if it has one. */
  timekeeperId: string | null;
  /** The meeting's observer from the rota, if it has one. */
  observerId: string | null;
  /** The agendas this group can use: its own first, if it has one, then the shipped ones. */
  templates: SessionTemplate[];
  /** The agenda the group last chose. */
  sessionTemplate: string | null;
  /** How many days the group keeps recordings of its calls. */
  recordingDays: number;
}

/** Whether the meeting is one that can have a live session (not cancelled). */
export function requireSessionable(access: Pick<MeetingAccess, 'meeting'>): void {
  if (access.meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so it has no session.', {
      params: { why: 'cancelled' },
    });
  }
}

/**
 * Members of the group (the meeting's observer among them) may come into its room, and an
 * observer from outside the group invited to this meeting, who is there as its silent
 * observer: no turn, not counted among those sharing the time.
 */
export async function liveAccess(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
): Promise<LiveAccess> {
  const access = await requireMeetingAccess(deps, viewer, meetingId);
  authorize(access, 'live.enter', access.facts);
  const guest = access.facts.observes === true;
  requireSessionable(access);
  const { group, meeting } = access;
  const own = group.session_agenda ? [agendaTemplate(group.session_agenda)] : [];
  return {
    viewer,
    meetingId,
    groupId: meeting.group_id,
    groupName: group.name,
    purpose: group.purpose,
    durationMinutes: meeting.duration_minutes,
    actor: {
      userId: viewer.userId,
      name: viewer.displayName,
      // In peer groups, observing is one of the rotating roles and the observer still has
      // their turn; an observer invited from outside the group is silent.
      observer: guest,
      steward: access.role === 'steward',
      proposes: group.members_propose_small_groups === 1,
    },
    facilitatorId: access.assignments.find((r) => r.role_key === 'facilitator')?.user_id ?? null,
    timekeeperId: access.assignments.find((r) => r.role_key === 'timekeeper')?.user_id ?? null,
    observerId: guest
      ? viewer.userId
      : (access.assignments.find((r) => r.role_key === 'observer')?.user_id ?? null),
    templates: [...own, ...SESSION_TEMPLATES],
    sessionTemplate: group.session_template,
    recordingDays: group.recording_retention_days,
  };
}

/** The agenda with this id among the group's, or the first one it has. */
function pick(access: LiveAccess, id: string | null): SessionTemplate {
  return (
    access.templates.find((t) => t.id === id) ??
    access.templates.find((t) => t.id === DEFAULT_TEMPLATE_ID) ??
    findTemplate(DEFAULT_TEMPLATE_ID)
  );
}

/** The room for a meeting, made on first use from the group's agenda and the meeting's length. */
export async function ensureRoom(deps: Deps, access: LiveAccess): Promise<RoomRow> {
  const existing = await findRoom(deps.db, access.meetingId);
  if (existing) return existing;
  const at = deps.now().toISOString();
  // The group's own agenda if it has one (it is listed first), unless it last chose another.
  const template = pick(access, access.sessionTemplate ?? access.templates[0]?.id ?? null);
  const phases = planPhases(template, access.durationMinutes);
  await insertRoomIfMissing(deps.db, {
    meeting_id: access.meetingId,
    group_id: access.groupId,
    version: 0,
    state: newRoom(phases, access.facilitatorId, {
      timekeeperId: access.timekeeperId,
      observerId: access.observerId,
      askConsent: template.observationConsent === true,
    }),
    deadline: null,
    created_at: at,
    updated_at: at,
  });
  const room = await findRoom(deps.db, access.meetingId);
  if (!room) throw new Error(`room for ${access.meetingId} vanished`);
  return room;
}

/**
 * The room as everyone in it sees it. Views are never changed once made, and a part of the
 * room that did not change (a small group nobody touched, the list of agendas) keeps the
 * view it had, the same object: the difference from the last view sent skips it unread.
 */
export function toRoomView(state: RoomState, access: LiveAccess): RoomView {
  const b = state.breakouts;
  const recording = recordingViewOf(state.recordings);
  // One literal, no spreads: the view is made on every change, and copying spread objects
  // cost twice what making the view does.
  return {
    meetingId: access.meetingId,
    groupId: access.groupId,
    groupName: access.groupName,
    purpose: access.purpose,
    templates: agendasOf(access),
    version: state.version,
    status: state.status,
    facilitatorId: state.facilitatorId,
    designatedId: state.designatedId,
    facilitatorLog: state.facilitatorLog,
    participants: state.participants,
    phases: state.phases,
    phaseIndex: state.phaseIndex,
    phaseStartedAt: state.phaseStartedAt,
    phaseEndsAt: phaseEndsAt(state),
    orderMode: state.orderMode,
    order: state.order,
    done: state.done,
    passed: passedIds(state),
    waiting: waiting(state),
    floorId: state.floorId,
    turn: state.turn ? { ...state.turn, endsAt: state.turn.startedAt + state.turn.shareMs } : null,
    choices: state.choices,
    hands:
      state.handOrder === 'leastHeard' ? leastHeardFirst(state.hands, state.spokenMs) : state.hands,
    handsLowered: state.handsLowered,
    overruns: state.overruns,
    spokenMs: state.spokenMs,
    held: state.held,
    timekeeperId: state.timekeeperId,
    observerId: state.observerId,
    consentAsked: state.consentAsked,
    observationConsent: state.observationConsent,
    speaking: state.speaking && { userId: state.speaking.userId, since: state.speaking.since },
    handOrder: state.handOrder,
    adviceMarks: state.adviceMarks.filter((m) => m.phaseId === currentPhase(state)?.id).length,
    membersPropose: access.actor.proposes === true,
    breakouts: b && {
      id: b.id,
      mode: b.mode,
      status: b.status,
      minutes: b.minutes,
      facilitatorJoins: b.facilitatorJoins,
      proposedBy: b.proposedBy,
      back: b.back,
      groups: b.groups.map((g) => remembered(groupViews, g, access, groupViewOf)),
    },
    lastBreakouts: state.lastBreakouts,
    call: callViewOf(state.call),
    heardMs: state.heardMs,
    recording: recording.recording,
    recordingEnded: recording.recordingEnded,
    recordingDays: access.recordingDays,
  };
}

const recordingViews = new WeakMap<
  RoomState['recordings'],
  Pick<RoomView, 'recording' | 'recordingEnded'>
>();

/** The latest recording as everyone sees it: answers as who agreed and who is left out. */
function recordingViewOf(
  recordings: RoomState['recordings'],
): Pick<RoomView, 'recording' | 'recordingEnded'> {
  let view = recordingViews.get(recordings);
  if (!view) {
    const last = recordings.at(-1);
    const ids = (answer: 'agree' | 'object') =>
      Object.entries(last?.answers ?? {})
        .filter(([, a]) => a === answer)
        .map(([id]) => id);
    view =
      last && (last.status === 'asking' || last.status === 'on')
        ? {
            recording: {
              id: last.id,
              status: last.status,
              askedBy: last.askedBy,
              askedAt: last.askedAt,
              startedAt: last.startedAt,
              agreed: ids('agree'),
              leftOut: last.status === 'on' ? ids('object') : [],
            },
            recordingEnded: null,
          }
        : {
            recording: null,
            recordingEnded: last
              ? {
                  id: last.id,
                  status: last.status as 'declined' | 'stopped' | 'lapsed',
                  endedAt: last.endedAt,
                }
              : null,
          };
    recordingViews.set(recordings, view);
  }
  return view;
}

const callViews = new WeakMap<RoomState['call'], RoomView['call']>();

/** Who is in the call and how, without the server's own bookkeeping. */
function callViewOf(call: RoomState['call']): RoomView['call'] {
  let view = callViews.get(call);
  if (!view) {
    view = Object.fromEntries(
      Object.entries(call).map(([id, m]) => [
        id,
        { muted: m.muted, camera: m.camera, lowBandwidth: m.lowBandwidth },
      ]),
    );
    callViews.set(call, view);
  }
  return view;
}

type BreakoutGroup = NonNullable<RoomState['breakouts']>['groups'][number];
type GroupView = NonNullable<RoomView['breakouts']>['groups'][number];

/** Views made from unchanged parts of rooms, by the part and for whose access they were made. */
const groupViews = new WeakMap<BreakoutGroup, { access: LiveAccess; view: GroupView }>();
const smallRoomViews = new WeakMap<RoomState, { access: LiveAccess; view: SmallRoomView }>();
const agendaLists = new WeakMap<LiveAccess, SmallRoomView['templates']>();

function remembered<K extends object, V>(
  views: WeakMap<K, { access: LiveAccess; view: V }>,
  key: K,
  access: LiveAccess,
  make: (key: K, access: LiveAccess) => V,
): V {
  const held = views.get(key);
  if (held?.access === access) return held.view;
  const view = Object.freeze(make(key, access));
  views.set(key, { access, view });
  return view;
}

function groupViewOf(g: BreakoutGroup, access: LiveAccess): GroupView {
  return {
    id: g.id,
    name: g.name,
    cap: g.cap,
    members: g.members,
    endsAt: g.endsAt,
    extended: g.extended,
    extendAgreed: g.extendAgreed,
    warned: g.warned,
    closed: g.closed,
    shareAgreed: g.shareAgreed,
    room: g.room && remembered(smallRoomViews, g.room, access, smallRoomViewOf),
  };
}

function agendasOf(access: LiveAccess): SmallRoomView['templates'] {
  const held = agendaLists.get(access);
  if (held) return held;
  const list = access.templates.map((t) => ({ id: t.id, name: t.name }));
  agendaLists.set(access, Object.freeze(list) as typeof list);
  return list;
}

/**
 * A small group's room as its people see it: the main room's shape without what only the main
 * room has. Made only when the small room changed (its view is kept by its state otherwise).
 */
function smallRoomViewOf(state: RoomState, access: LiveAccess): SmallRoomView {
  const {
    membersPropose: _proposes,
    breakouts: _breakouts,
    lastBreakouts: _last,
    call: _call,
    heardMs: _heard,
    recording: _recording,
    recordingEnded: _ended,
    recordingDays: _days,
    ...view
  } = toRoomView(state, access);
  return view;
}

export interface CommandResult {
  ok: boolean;
  version: number;
  refusal?: Refusal;
  /** True when nothing new happened (a retry of an applied command, or no change). */
  repeated?: boolean;
}

/**
 * Applies one command under the room's lock: the command is logged with the new state and
 * version in the same transaction, and a command id already applied for this person is
 * answered without applying it again. Choosing an agenda is also kept by the group, for its
 * next sessions, on the group's own write path.
 */
export async function runCommand(
  deps: Deps,
  access: LiveAccess,
  clientId: string,
  command: LiveCommand,
): Promise<CommandResult> {
  const result = await applyAndLog(
    deps,
    access,
    clientId,
    command,
    command.type === 'useTemplate'
      ? {
          type: 'setPhases',
          phases: planPhases(pick(access, command.templateId), access.durationMinutes),
          askConsent: pick(access, command.templateId).observationConsent === true,
        }
      : command,
  );
  if (result.ok && !result.repeated && command.type === 'useTemplate') {
    const chosen = pick(access, command.templateId).id;
    await withGroupLock(deps, access.groupId, ({ trx, groupId }) =>
      updateGroup(trx, groupId, { session_template: chosen }),
    );
    access.sessionTemplate = chosen;
  }
  return result;
}

/** Who a command is applied for: a person in a room (not necessarily connected). */
type RoomActor = Pick<LiveAccess, 'meetingId' | 'actor'>;

/** One room change waiting for its turn in the room writer. */
interface RoomWrite {
  who: RoomActor;
  clientId: string;
  logged: LiveCommand | { type: 'breakoutTick' };
  command: Command;
  done: (result: CommandResult | Error) => void;
}

/**
 * The room writer: every room change goes through it. Changes that arrive while a write is
 * under way are written together in one transaction when it ends (a group commit): committing
 * is most of what a change costs, so a busy evening's thousands of changes a second share their
 * commits instead of queueing for one each. SQLite has one writer; on PostgreSQL a few writers
 * run side by side, each room always with the same one (so its changes stay in order), and a
 * batch locks its rooms in the order of their ids, so that batches on two nodes cannot wait
 * for each other in a circle.
 */
interface RoomWriter {
  queue: RoomWrite[];
  writing: boolean;
}
const writers = new WeakMap<Deps, RoomWriter[]>();
/** PostgreSQL's writers side by side: a few, leaving the pool room for everything else. */
const POSTGRES_WRITERS = 4;
/** The most changes one transaction takes, so that none waits long behind a batch. */
const BATCH_MAX = 64;

/**
 * Applies one command through the room writer: lock the room, skip a command id already
 * applied, apply, log the command with the new state and version, all in one transaction.
 */
function applyAndLog(
  deps: Deps,
  who: RoomActor,
  clientId: string,
  logged: LiveCommand | { type: 'breakoutTick' },
  command: Command,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const write: RoomWrite = {
      who,
      clientId,
      logged,
      command,
      done: (result) => (result instanceof Error ? reject(result) : resolve(result)),
    };
    let all = writers.get(deps);
    if (!all) {
      const count = deps.dialect === 'sqlite' ? 1 : POSTGRES_WRITERS;
      all = Array.from({ length: count }, () => ({ queue: [], writing: false }));
      writers.set(deps, all);
    }
    const writer = all[writerFor(who.meetingId, all.length)] as RoomWriter;
    writer.queue.push(write);
    if (!writer.writing) {
      writer.writing = true;
      // Changes read from the sockets in this turn of the event loop go in together.
      setImmediate(() => void drain(deps, writer));
    }
  });
}

/** Which writer a room's changes go to: always the same one. */
function writerFor(meetingId: string, count: number): number {
  if (count === 1) return 0;
  let hash = 0;
  for (let i = 0; i < meetingId.length; i++) hash = (hash * 31 + meetingId.charCodeAt(i)) | 0;
  return Math.abs(hash) % count;
}

/**
 * Writes what is queued, a batch at a time, until nothing is left. A batch is written room by
 * room in the order of their ids (each room's changes in the order they came).
 */
async function drain(deps: Deps, writer: RoomWriter): Promise<void> {
  try {
    while (writer.queue.length > 0) {
      const batch = writer.queue.splice(0, BATCH_MAX);
      if (deps.dialect !== 'sqlite') {
        batch.sort((a, b) =>
          a.who.meetingId < b.who.meetingId ? -1 : a.who.meetingId > b.who.meetingId ? 1 : 0,
        );
      }
      await writeBatch(deps, batch);
    }
  } finally {
    writer.writing = false;
  }
}

/**
 * Writes a batch of changes in one transaction, in the order they came. A change that is
 * refused, or whose room is not open, is answered without spoiling the others; if the
 * transaction itself fails, each change is tried again alone, so one bad change fails alone.
 */
async function writeBatch(deps: Deps, batch: RoomWrite[]): Promise<void> {
  const results: (CommandResult | Error)[] = [];
  const saved = new Map<string, { state: RoomState; savedAt: string }>();
  try {
    await deps.db.transaction().execute(async (trx) => {
      for (const write of batch) {
        results.push(await applyOne(deps, trx, write, saved).catch(expected));
      }
    });
  } catch (error) {
    if (batch.length > 1) {
      for (const write of batch) await writeBatch(deps, [write]);
      return;
    }
    batch[0]?.done(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  // Committed: this node sends the new states without reading them back.
  for (const [meetingId, { state, savedAt }] of saved) remember(deps, meetingId, state, savedAt);
  for (const [i, write] of batch.entries()) write.done(results[i] ?? new Error('no result'));
}

/** An error that answers one change (it is not the database failing): kept for that change. */
function expected(error: unknown): Error {
  if (error instanceof AppError) return error;
  throw error;
}

/** How a command this person already sent with this id was answered, if it was applied. */
async function answeredBefore(
  trx: Transaction<Database>,
  meetingId: string,
  userId: string,
  clientId: string,
): Promise<CommandResult | null> {
  const seen = await findEvent(trx, meetingId, userId, clientId);
  return seen ? { ok: true, version: seen.version, repeated: true } : null;
}

/** One change inside the writer's transaction. */
async function applyOne(
  deps: Deps,
  trx: Transaction<Database>,
  write: RoomWrite,
  saved: Map<string, { state: RoomState; savedAt: string }>,
): Promise<CommandResult> {
  const { who, clientId, logged, command } = write;
  const { meetingId, actor } = who;
  const now = deps.now();
  const at = now.toISOString();
  // The room as this transaction or this node last wrote it, when nobody has changed it since.
  const room = await lockRoom(trx, meetingId, (version) => {
    const mine = saved.get(meetingId);
    return mine?.state.version === version ? mine : writtenRoom(deps, meetingId, version);
  });
  if (!room) throw new AppError('not_found', 'This session has not been opened.');
  const { state } = room;
  // Applying is pure: a retry of a command already applied is found when it is logged (or,
  // when it would change nothing now, looked for), and answered as it was the first time.
  const repeat = () => answeredBefore(trx, meetingId, actor.userId, clientId);
  const outcome = applyCommand(state, command, actor, now.getTime(), seedOf(clientId));
  if (!outcome.ok) {
    return (await repeat()) ?? { ok: false, version: state.version, refusal: outcome.refusal };
  }
  const next = outcome.state;
  // Accepted with nothing to change: no new version, nothing to tell anyone.
  if (next.version === state.version) {
    return (await repeat()) ?? { ok: true, version: state.version, repeated: true };
  }
  const fresh = await insertEvent(trx, {
    meeting_id: meetingId,
    version: next.version,
    actor_id: actor.userId,
    client_id: clientId,
    command: JSON.stringify(logged),
    at,
    happened: JSON.stringify(describeChange(state, next)),
    // What applying it again needs (decision 022): who, as the rules see them, and the
    // command as applied when it is not the one sent.
    actor: JSON.stringify(loggedActor(actor)),
    applied: command === logged ? null : JSON.stringify(command),
  });
  if (!fresh) return (await repeat()) ?? { ok: true, version: state.version, repeated: true };
  const whole = saveWhole(state, next, room.saved_version, deps.config.live.saveEvery);
  await saveRoom(trx, meetingId, {
    state: next,
    updated_at: at,
    before: state,
    whole,
    deadline: room.deadline,
  });
  if (command.type === 'join' && !actor.observer) {
    await recordArrival(trx, { meeting_id: meetingId, user_id: actor.userId, arrived_at: at });
  }
  saved.set(meetingId, { state: next, savedAt: at });
  return { ok: true, version: next.version };
}

/**
 * Applies a command for someone who may not be connected (a person whose presence lapsed),
 * and tells every node. Only commands that need nothing from the person's access.
 */
export async function runCommandFor(
  deps: Deps,
  who: RoomActor,
  clientId: string,
  command: Extract<LiveCommand, { type: 'leave' }>,
): Promise<CommandResult> {
  return announced(deps, who.meetingId, await applyAndLog(deps, who, clientId, command, command));
}

/**
 * Each process's newest room states, as it wrote them, by meeting: the node that applied a
 * command sends the new state without reading it back (other nodes read it once). Bounded,
 * and only ever used for the exact version it holds.
 */
const written = new WeakMap<Deps, Map<string, { state: RoomState; savedAt: string }>>();
const WRITTEN_MAX = 3_000;

function remember(deps: Deps, meetingId: string, state: RoomState, savedAt: string): void {
  let rooms = written.get(deps);
  if (!rooms) {
    rooms = new Map();
    written.set(deps, rooms);
  }
  rooms.delete(meetingId);
  rooms.set(meetingId, { state, savedAt });
  if (rooms.size > WRITTEN_MAX) {
    const oldest = rooms.keys().next().value;
    if (oldest !== undefined) rooms.delete(oldest);
  }
}

/**
 * Saves whole every room this process holds that its log still carries: called as the server
 * stops on purpose, so that an upgrade never has to apply an older version's commands again.
 */
export async function saveHeldRooms(deps: Deps): Promise<void> {
  for (const [meetingId, held] of written.get(deps) ?? []) {
    // One room that cannot be saved (the database going away) leaves the others be; its log
    // still carries it.
    await saveHeldRoom(deps.db, meetingId, held).catch(() => {});
  }
}

/** The room at `version`, as this process wrote it (and when it saved it), if it did. */
export function writtenRoom(
  deps: Deps,
  meetingId: string,
  version: number,
): { state: RoomState; savedAt: string } | null {
  const held = written.get(deps)?.get(meetingId);
  return held?.state.version === version ? held : null;
}

/** Who the server is when it acts for a room by itself (in the command log). */
const HEARTH: RoomActor['actor'] = { userId: 'hearth', name: 'Hearth', observer: false };

/**
 * The server acts for a room whose deadline has come: small groups are warned, or closed and
 * everyone brought back. The deadline names the tick, so several nodes seeing it apply it once.
 */
export async function runDeadline(
  deps: Deps,
  meetingId: string,
  deadline: number,
): Promise<CommandResult> {
  const tick = { type: 'breakoutTick' } as const;
  return announced(
    deps,
    meetingId,
    await applyAndLog(deps, { meetingId, actor: HEARTH }, `tick-${deadline}`, tick, tick),
  );
}

/** Tells every node of a room's new version, when a command made one. */
async function announced(
  deps: Deps,
  meetingId: string,
  result: CommandResult,
): Promise<CommandResult> {
  if (result.ok && !result.repeated) {
    await deps.bus.publish({ kind: 'room', meetingId, version: result.version });
  }
  return result;
}

/** Runs a command and, when it made a new version, tells every node: the one way rooms change. */
export async function runAndAnnounce(
  deps: Deps,
  access: LiveAccess,
  clientId: string,
  command: LiveCommand,
): Promise<CommandResult> {
  return announced(deps, access.meetingId, await runCommand(deps, access, clientId, command));
}

/** The room's current state, as stored (in the current shape). */
export async function readRoom(deps: Deps, meetingId: string): Promise<RoomState | null> {
  return (await findRoom(deps.db, meetingId))?.state ?? null;
}
