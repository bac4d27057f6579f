/**
 * This node's side of live sessions: its open sockets, grouped by room. When a room's
 * version is announced (by this node or another), the room is read once and the new state
 * sent to every socket here. A person whose connection drops keeps their place for a grace
 * period; only then are they marked as gone.
 */
import type { WebSocket } from 'ws';
import { RECONNECT_GRACE_MS } from '../../core/domain/live';
import { LIVE_PROTOCOL_VERSION, type ServerMessage } from '../../core/protocol/live';
import { newId } from '../security/tokens';
import type { Deps } from '../services/deps';
import { type LiveAccess, readRoom, runCommand, toRoomView, viewContext } from './rooms';

/** A socket whose outgoing buffer grows past this is too slow to keep up; it is closed. */
const SLOW_CONSUMER_BYTES = 1024 * 1024;

export interface Connection {
  socket: WebSocket;
  access: LiveAccess;
}

interface RoomEntry {
  connections: Set<Connection>;
  unsubscribe: () => void;
  sentVersion: number;
  reading: boolean;
  again: boolean;
}

export function send(socket: WebSocket, message: ServerMessage | string): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
    socket.close(1013, 'too slow');
    return;
  }
  socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

export class LiveNode {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: Deps) {}

  /** Adds a socket to its room here, cancelling any grace period for the same person. */
  attach(connection: Connection): void {
    const meetingId = connection.access.meeting.id;
    const key = `${meetingId} ${connection.access.actor.userId}`;
    const timer = this.graceTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.graceTimers.delete(key);
    }
    let entry = this.rooms.get(meetingId);
    if (!entry) {
      entry = {
        connections: new Set(),
        unsubscribe: this.deps.live.subscribe(meetingId, () => void this.refresh(meetingId)),
        sentVersion: -1,
        reading: false,
        again: false,
      };
      this.rooms.set(meetingId, entry);
    }
    entry.connections.add(connection);
  }

  /** Takes a socket out; if it was the person's last here, they are gone after the grace. */
  detach(connection: Connection): void {
    const meetingId = connection.access.meeting.id;
    const entry = this.rooms.get(meetingId);
    if (!entry) return;
    entry.connections.delete(connection);
    const userId = connection.access.actor.userId;
    const stillHere = [...entry.connections].some((c) => c.access.actor.userId === userId);
    if (!stillHere) {
      const key = `${meetingId} ${userId}`;
      this.graceTimers.set(
        key,
        setTimeout(() => {
          this.graceTimers.delete(key);
          void runCommand(this.deps, connection.access, `gone-${newId()}`, { type: 'leave' })
            .then((result) => {
              if (result.ok && !result.repeated) {
                return this.deps.live.publish(meetingId, result.version);
              }
            })
            .catch(() => {});
        }, RECONNECT_GRACE_MS).unref(),
      );
    }
    if (entry.connections.size === 0) {
      entry.unsubscribe();
      this.rooms.delete(meetingId);
    }
  }

  /** Reads the room and sends it to every socket here that has not seen this version. */
  async refresh(meetingId: string): Promise<void> {
    const entry = this.rooms.get(meetingId);
    if (!entry) return;
    if (entry.reading) {
      entry.again = true;
      return;
    }
    entry.reading = true;
    try {
      do {
        entry.again = false;
        const state = await readRoom(this.deps, meetingId);
        const first = [...entry.connections][0];
        if (!state || !first || state.version <= entry.sentVersion) continue;
        entry.sentVersion = state.version;
        const message = JSON.stringify({
          v: LIVE_PROTOCOL_VERSION,
          type: 'state',
          room: toRoomView(state, viewContext(first.access)),
        } satisfies ServerMessage);
        for (const connection of entry.connections) send(connection.socket, message);
      } while (entry.again);
    } finally {
      entry.reading = false;
    }
  }

  /** How many sockets this node holds (for the benchmark and health). */
  get size(): number {
    let n = 0;
    for (const entry of this.rooms.values()) n += entry.connections.size;
    return n;
  }

  close(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    for (const entry of this.rooms.values()) {
      entry.unsubscribe();
      for (const c of entry.connections) c.socket.close(1001, 'server going away');
    }
    this.rooms.clear();
  }
}
