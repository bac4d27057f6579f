/**
 * This node's side of live sessions: its open sockets, grouped by room. When a room's
 * version is announced (by this node or another), the room is read once and what changed
 * since the version last sent here goes to every socket here, as one JSON Patch (the whole
 * room when this node has sent none yet, or when the patch would be larger). A person whose
 * connection drops keeps their place for a grace period; only then are they marked as gone.
 * Presence is a lease in the database, renewed by the node the person is connected to, so it
 * survives that node's death: when the last lease for a person runs out, any node (the
 * restarted one, or another) marks them gone.
 *
 * Access is not checked once and forgotten: whenever a group changes (a member removed or
 * leaving, the group adjourning, a meeting cancelled) every socket in its rooms is checked
 * again, and when a session ends its sockets close, on every node, with a close code the
 * web app explains.
 */
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { currentPhase, type RoomState } from '../../core/domain/live';
import { suggestRound } from '../../core/domain/speaking';
import { AppError } from '../../core/errors';
import {
  type CallSignal,
  callSignal,
  LIVE_CLOSE,
  LIVE_PROTOCOL_VERSION,
  LIVE_RESTARTING,
  type LiveCloseReason,
  type RoomView,
  type ServerMessage,
  type SpaceMessage,
} from '../../core/protocol/live';
import { viewPatch } from '../../core/protocol/viewPatch';
import { deleteSignalsBefore, findSignal, insertSignal } from '../db/queries/callSignals';
import {
  clearLapsed,
  endLapsedNodes,
  endLease,
  holdLease,
  listLapsed,
  renewNode,
} from '../db/queries/livePresence';
import { listDueRooms } from '../db/queries/liveRooms';
import { sessionExists } from '../db/queries/sessions';
import type { Deps } from '../deps';
import type { BusEvent } from '../fanout/bus';
import { newId } from '../security/tokens';
import {
  type LiveAccess,
  liveAccess,
  readRoom,
  runCommandFor,
  runDeadline,
  toRoomView,
  writtenRoom,
} from './rooms';

/** A socket whose outgoing buffer grows past this is too slow to keep up; it is closed. */
const SLOW_CONSUMER_BYTES = 1024 * 1024;

export interface Connection {
  socket: WebSocket;
  access: LiveAccess;
  /** Set when the server closed it because access ended: no grace period then. */
  ended?: LiveCloseReason;
}

interface RoomEntry {
  groupId: string;
  connections: Set<Connection>;
  sentVersion: number;
  /** The room as last sent here: the next change is sent as the difference from it. */
  view?: RoomView;
  reading: boolean;
  again: boolean;
  /** The newest version announced for the room. */
  announced?: number;
  /** What the nudge needs of the room as last read here (it also changes as time passes). */
  talk?: Talk;
  /** Who was last told what about a round (facilitator and answer); undefined: nobody yet. */
  nudged?: string;
}

/** The little of a room the nudge looks at: who facilitates, and open discussion's talk. */
interface Talk {
  facilitatorId: string | null;
  /** In open discussion, in a running session: the recent talk and who is speaking. */
  open: Pick<RoomState, 'recent' | 'speaking'> | null;
  present: number;
}

function talkOf(state: RoomState): Talk {
  const open = state.status === 'running' && currentPhase(state)?.kind === 'open';
  return {
    facilitatorId: state.facilitatorId,
    open: open ? { recent: state.recent, speaking: state.speaking } : null,
    present: state.participants.filter((p) => p.present && !p.observer).length,
  };
}

/** How often the rooms' deadlines are looked at (any node acts for any room). */
const DEADLINE_CHECK_MS = 1_000;

/** How long a call signal is kept for its node to deliver it. */
const SIGNAL_KEEP_MS = 60_000;

/** How often a room in open discussion is looked at again for the nudge. */
const NUDGE_CHECK_MS = 15_000;

/**
 * The message that takes a socket holding `before` to `after`: a patch of what changed, or the
 * whole room when there is nothing to patch from or the patch would be no smaller.
 */
export function changeMessage(before: RoomView | undefined, after: RoomView): string {
  const whole = () =>
    JSON.stringify({
      v: LIVE_PROTOCOL_VERSION,
      type: 'state',
      room: after,
    } satisfies ServerMessage);
  if (!before) return whole();
  const patch = JSON.stringify({
    v: LIVE_PROTOCOL_VERSION,
    type: 'patch',
    from: before.version,
    to: after.version,
    ops: viewPatch(before, after),
  } satisfies ServerMessage);
  // Most changes are a few hundred bytes; past that, send whichever is smaller.
  if (patch.length < 4096) return patch;
  const room = whole();
  return room.length <= patch.length ? room : patch;
}

/**
 * Sends a message to one socket. A message going to several sockets is best given as the
 * bytes of its JSON (made once), sent as text.
 *
 * What is sent to a socket while the current piece of work runs goes out in one write when it
 * ends: a person's change reaches them as the room's patch and the answer to their command, and
 * each write to a socket is a system call that costs more than making the message did.
 */
export function send(
  socket: WebSocket,
  message: ServerMessage | SpaceMessage | string | Buffer,
): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
    socket.close(1013, 'too slow');
    return;
  }
  gather(socket);
  if (Buffer.isBuffer(message)) socket.send(message, { binary: false });
  else socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

/** The connections (ws keeps each socket's own as `_socket`) holding writes until `flush`. */
const held = new Set<Writable>();

function gather(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Writable })._socket;
  if (!raw || held.has(raw)) return;
  raw.cork();
  held.add(raw);
  // After the promises this work set going have all settled (the answer to a command is sent
  // a few of them after its patch), and before any other event is taken up.
  if (held.size === 1) process.nextTick(flush);
}

function flush(): void {
  const corked = [...held];
  held.clear();
  for (const raw of corked) raw.uncork();
}

/** Closes a socket with the application's close code for why. */
export function closeFor(socket: WebSocket, reason: LiveCloseReason): void {
  if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
    socket.close(LIVE_CLOSE[reason], reason);
  }
}

export class LiveNode {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly unsubscribe: (() => void)[];
  private readonly timers: NodeJS.Timeout[];
  /** This process, as the holder of presence leases. */
  readonly nodeId = newId();
  /** This node's latest renewal of its own lease (null until the first). */
  private alive: Promise<void> | null = null;
  private readonly graceMs: number;

  constructor(private readonly deps: Deps) {
    this.graceMs = deps.config.live.graceMs;
    this.unsubscribe = [
      // A room that cannot be read now is read at its next announcement; nothing here may
      // take the node down.
      deps.bus.subscribe((event) => void this.hear(event).catch(() => {})),
      // Announcements may have been missed: check everyone here again.
      deps.bus.onReset(() => void this.recheckAll()),
    ];
    const every = (ms: number, job: () => Promise<void>) => {
      const timer = setInterval(() => void job().catch(() => {}), ms);
      timer.unref();
      return timer;
    };
    this.timers = [
      // This node's lease (which holds everyone connected to it) is renewed well before it runs out.
      every(Math.max(250, Math.floor(this.graceMs / 3)), () => this.renew()),
      // Anyone whose last lease ran out is gone: settled by whichever node sees it first.
      every(Math.max(250, Math.floor(this.graceMs / 12)), () => this.settleLapsed()),
      // Small groups' warnings and closing come when their time does, whoever is connected.
      every(DEADLINE_CHECK_MS, () => this.meetDeadlines()),
      // Someone speaking on and on changes nothing in the room, but may call for a nudge.
      every(NUDGE_CHECK_MS, async () => {
        for (const entry of this.rooms.values()) this.nudge(entry);
      }),
      // Signals are delivered at once or not at all; a minute on, they are forgotten.
      every(SIGNAL_KEEP_MS, () =>
        deleteSignalsBefore(this.deps.db, this.deps.now().getTime() - SIGNAL_KEEP_MS),
      ),
    ];
    // A restarted node settles the people it held before it died, as soon as they lapse.
    void this.settleLapsed().catch(() => {});
  }

  /** Renews this node's lease; the first time, before anyone's presence depends on it. */
  private renew(): Promise<void> {
    this.alive = renewNode(this.deps.db, this.nodeId, this.deps.now().getTime() + this.graceMs);
    return this.alive;
  }

  /** Acts for every room whose deadline has come (on whichever node sees it first). */
  async meetDeadlines(): Promise<void> {
    for (const due of await listDueRooms(this.deps.db, this.deps.now().getTime())) {
      // One room that cannot take the change does not hold up the others.
      await runDeadline(this.deps, due.meeting_id, due.deadline).catch(() => {});
    }
  }

  /** Marks as gone everyone whose presence leases have all run out. */
  async settleLapsed(): Promise<void> {
    const now = this.deps.now().getTime();
    // People on a node that died count as gone once its lease lapsed.
    await endLapsedNodes(this.deps.db, now);
    for (const lapsed of await listLapsed(this.deps.db, now)) {
      if (!(await clearLapsed(this.deps.db, lapsed.meeting_id, lapsed.user_id, now))) continue;
      const actor = {
        userId: lapsed.user_id,
        name: lapsed.name,
        observer: Number(lapsed.observer) === 1,
      };
      // One room that cannot take the change does not hold up the others.
      await runCommandFor(this.deps, { meetingId: lapsed.meeting_id, actor }, `gone-${newId()}`, {
        type: 'leave',
      }).catch(() => {});
    }
  }

  private async hear(event: BusEvent): Promise<void> {
    if (event.kind === 'room') await this.refresh(event.meetingId, event.version);
    else if (event.kind === 'signal') await this.deliverSignal(event);
    else if (event.kind === 'group') await this.recheckGroup(event.groupId);
    else if (event.kind === 'session') this.endSession(event.sessionId);
  }

  /**
   * Adds a socket to its room here and takes the person's presence lease, which also ends
   * any grace period they were in (on this node or another).
   */
  async attach(connection: Connection): Promise<void> {
    const { meetingId, groupId, actor } = connection.access;
    let entry = this.rooms.get(meetingId);
    if (!entry) {
      entry = { groupId, connections: new Set(), sentVersion: -1, reading: false, again: false };
      this.rooms.set(meetingId, entry);
    }
    entry.connections.add(connection);
    // A facilitator arriving is told where things stand at the next look.
    if (entry.talk?.facilitatorId === actor.userId) entry.nudged = undefined;
    await (this.alive ?? this.renew());
    await holdLease(this.deps.db, {
      meeting_id: meetingId,
      user_id: actor.userId,
      node_id: this.nodeId,
      name: actor.name,
      observer: actor.observer ? 1 : 0,
    });
  }

  /**
   * Takes a socket out. If it was the person's last here, they are gone after the grace
   * period, or at once when their access ended.
   */
  detach(connection: Connection): void {
    const { meetingId } = connection.access;
    const entry = this.rooms.get(meetingId);
    if (!entry) return;
    entry.connections.delete(connection);
    const userId = connection.access.actor.userId;
    const stillHere = [...entry.connections].some((c) => c.access.actor.userId === userId);
    if (!stillHere) {
      // The lease runs for the grace period from now, or ends at once when access ended.
      const now = this.deps.now().getTime();
      const ended = connection.ended !== undefined;
      void endLease(
        this.deps.db,
        { meetingId, userId, nodeId: this.nodeId },
        ended ? now - 1 : now + this.graceMs,
      )
        .then(() => (ended ? this.settleLapsed() : undefined))
        .catch(() => {});
    }
    if (entry.connections.size === 0) this.rooms.delete(meetingId);
  }

  /** Closes a connection whose access has ended, saying why. */
  end(connection: Connection, reason: LiveCloseReason): void {
    if (connection.ended) return;
    connection.ended = reason;
    closeFor(connection.socket, reason);
  }

  /** Checks again that everyone in this group's rooms here may still be there. */
  private async recheckGroup(groupId: string): Promise<void> {
    const connections = [...this.rooms.values()]
      .filter((entry) => entry.groupId === groupId)
      .flatMap((entry) => [...entry.connections]);
    await Promise.all(connections.map((c) => this.recheck(c)));
  }

  /** Checks one connection's access as it stands now; ends it when it has gone. */
  private async recheck(connection: Connection, options: { session?: boolean } = {}) {
    if (connection.ended) return;
    const { viewer, meetingId } = connection.access;
    try {
      if (options.session && !(await sessionExists(this.deps.db, viewer.sessionId))) {
        this.end(connection, 'signed_out');
        return;
      }
      // Still allowed in: what the group allows (who may propose small groups) may have changed.
      connection.access = await liveAccess(this.deps, viewer, meetingId);
    } catch (error) {
      // Only a refusal ends access; a passing fault (the database away) leaves it be.
      if (!(error instanceof AppError) || error.code === 'internal') return;
      this.end(connection, error.code === 'meeting.closed' ? 'meeting_cancelled' : 'access_ended');
    }
  }

  /** After a gap in hearing the bus: sessions may have ended, groups changed. */
  private async recheckAll(): Promise<void> {
    const connections = [...this.rooms.values()].flatMap((entry) => [...entry.connections]);
    await Promise.all(connections.map((c) => this.recheck(c, { session: true })));
  }

  /** A session ended (signed out here or on another node): its sockets close. */
  private endSession(sessionId: string): void {
    for (const entry of this.rooms.values()) {
      for (const connection of entry.connections) {
        if (connection.access.viewer.sessionId === sessionId) this.end(connection, 'signed_out');
      }
    }
  }

  /** Reads the room and sends it to every socket here that has not seen this version. */
  async refresh(meetingId: string, version?: number): Promise<void> {
    const entry = this.rooms.get(meetingId);
    if (!entry) return;
    if (version !== undefined) entry.announced = Math.max(entry.announced ?? -1, version);
    if (entry.reading) {
      entry.again = true;
      return;
    }
    entry.reading = true;
    try {
      do {
        entry.again = false;
        // The newest version announced, as this node wrote it if it did; else read once.
        const mine =
          entry.announced !== undefined ? writtenRoom(this.deps, meetingId, entry.announced) : null;
        const state = mine?.state ?? (await readRoom(this.deps, meetingId));
        const first = [...entry.connections][0];
        if (!state || !first || state.version <= entry.sentVersion) continue;
        const view = toRoomView(state, first.access);
        const message = Buffer.from(changeMessage(entry.view, view));
        entry.sentVersion = state.version;
        entry.view = view;
        for (const connection of entry.connections) {
          if (!connection.ended) send(connection.socket, message);
        }
        entry.talk = talkOf(state);
        this.nudge(entry);
      } while (entry.again);
    } finally {
      entry.reading = false;
    }
  }

  /**
   * Passes a call signal from this connection's person to another person in the call. Only
   * between two people present in the same session and both in its call (as the room was last
   * sent here); the signal waits in a table for whichever node holds the other person's
   * socket, and the bus carries only its id. Otherwise it is dropped.
   */
  async relaySignal(from: Connection, to: string, signal: CallSignal): Promise<void> {
    const { meetingId, actor } = from.access;
    const view = this.rooms.get(meetingId)?.view;
    const here = (id: string) =>
      view?.call[id] !== undefined && view.participants.some((p) => p.userId === id && p.present);
    if (to === actor.userId || !here(actor.userId) || !here(to)) return;
    const id = newId();
    const now = this.deps.now().getTime();
    await insertSignal(this.deps.db, {
      id,
      meeting_id: meetingId,
      from_id: actor.userId,
      to_id: to,
      body: JSON.stringify(signal),
      created_at: now,
    });
    await this.deps.bus.publish({ kind: 'signal', meetingId, id, to });
  }

  /** A signal for someone whose socket may be here: read it once and send it to them. */
  private async deliverSignal(event: Extract<BusEvent, { kind: 'signal' }>): Promise<void> {
    const entry = this.rooms.get(event.meetingId);
    const sockets = [...(entry?.connections ?? [])].filter(
      (c) => !c.ended && c.access.actor.userId === event.to,
    );
    if (sockets.length === 0) return;
    const row = await findSignal(this.deps.db, event.id);
    if (!row || row.meeting_id !== event.meetingId || row.to_id !== event.to) return;
    const parsed = callSignal.safeParse(JSON.parse(row.body));
    if (!parsed.success) return;
    const message = JSON.stringify({
      v: LIVE_PROTOCOL_VERSION,
      type: 'signal',
      from: row.from_id,
      signal: parsed.data,
    } satisfies ServerMessage);
    for (const connection of sockets) send(connection.socket, message);
  }

  /**
   * Tells the facilitator's sockets here, and nobody else's, when a round would help (and when
   * it no longer would), from the room as last read and the time now.
   */
  private nudge(entry: RoomEntry): void {
    const state = entry.talk;
    if (!state) return;
    const suggest =
      state.open !== null &&
      suggestRound(
        state.open.recent,
        state.open.speaking,
        this.deps.now().getTime(),
        state.present,
      );
    // A new facilitator is told where things stand, even if the answer has not changed.
    const told = `${state.facilitatorId}:${suggest}`;
    if (entry.nudged === told) return;
    entry.nudged = told;
    const message = JSON.stringify({
      v: LIVE_PROTOCOL_VERSION,
      type: 'nudge',
      suggest: suggest ? 'round' : null,
    } satisfies ServerMessage);
    for (const connection of entry.connections) {
      if (!connection.ended && connection.access.actor.userId === state.facilitatorId) {
        send(connection.socket, message);
      }
    }
  }

  /** How many sockets this node holds (for the benchmark and health). */
  get size(): number {
    let n = 0;
    for (const entry of this.rooms.values()) n += entry.connections.size;
    return n;
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
    for (const timer of this.timers) clearInterval(timer);
    for (const entry of this.rooms.values()) {
      for (const c of entry.connections) {
        c.socket.close(LIVE_RESTARTING.code, LIVE_RESTARTING.reason);
      }
    }
    this.rooms.clear();
  }
}
