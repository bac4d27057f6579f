/**
 * The live side of groups' spaces: each open space page holds a socket here, and every node
 * tells its sockets when a thread has something new (the bus's `space` event, from any node).
 * A notice goes only to people who may read that space, decided by the same gate as every
 * read; it carries ids, never words, and the page reads what is new over HTTP. A person who
 * leaves the group, or whose session ends, is closed with the live session's close codes.
 */
import type { WebSocket } from 'ws';
import { LIVE_PROTOCOL_VERSION } from '../../core/protocol/live';
import { allows, groupAccess } from '../access/requireGroupAccess';
import type { Viewer } from '../access/viewer';
import type { Deps } from '../deps';
import type { BusEvent } from '../fanout/bus';
import { closeFor, send } from './node';

const HEARTBEAT_MS = 30_000;

interface SpaceConnection {
  socket: WebSocket;
  viewer: Viewer;
  groupId: string;
  alive: boolean;
}

export class SpaceHub {
  private readonly groups = new Map<string, Set<SpaceConnection>>();
  private readonly unsubscribe: (() => void)[];
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly deps: Deps) {
    this.unsubscribe = [
      deps.bus.subscribe((event) => {
        void this.hear(event).catch(() => {});
      }),
      // Notices may have been missed: every page reads itself again.
      deps.bus.onReset(() => {
        for (const set of this.groups.values()) {
          for (const c of set) send(c.socket, { v: LIVE_PROTOCOL_VERSION, type: 'resync' });
        }
      }),
    ];
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Serves one socket for a person already let into the group's space. */
  attach(socket: WebSocket, viewer: Viewer, groupId: string): void {
    const connection: SpaceConnection = { socket, viewer, groupId, alive: true };
    let set = this.groups.get(groupId);
    if (!set) {
      set = new Set();
      this.groups.set(groupId, set);
    }
    set.add(connection);
    // The socket only listens: anything a client sends is ignored.
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('close', () => {
      set.delete(connection);
      if (set.size === 0) this.groups.delete(groupId);
    });
  }

  /** How many sockets this node holds (for tests and the benchmark). */
  size(): number {
    let n = 0;
    for (const set of this.groups.values()) n += set.size;
    return n;
  }

  close(): void {
    for (const stop of this.unsubscribe) stop();
    clearInterval(this.heartbeat);
  }

  private async hear(event: BusEvent): Promise<void> {
    if (event.kind === 'session') {
      for (const set of this.groups.values()) {
        for (const c of set)
          if (c.viewer.sessionId === event.sessionId) closeFor(c.socket, 'signed_out');
      }
      return;
    }
    if (event.kind !== 'space' && event.kind !== 'group') return;
    const set = this.groups.get(event.groupId);
    if (!set) return;
    for (const c of set) {
      const access = await Promise.resolve()
        .then(() => groupAccess(this.deps, c.viewer, event.groupId))
        .catch(() => null);
      if (!access || !allows(access, 'space.visit')) {
        closeFor(c.socket, 'access_ended');
        continue;
      }
      if (event.kind === 'space' && allows(access, 'space.read', { space: event.space })) {
        send(c.socket, {
          v: LIVE_PROTOCOL_VERSION,
          type: 'thread',
          space: event.space,
          threadId: event.threadId,
          seq: event.seq,
        });
      }
    }
  }

  private beat(): void {
    for (const set of this.groups.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    }
  }
}
