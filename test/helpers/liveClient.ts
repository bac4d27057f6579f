/**
 * A live-session client for tests and the benchmark: a real WebSocket with the session
 * cookie and Hearth's origin, every message kept, and a way to wait for the next one that
 * matches. It follows the room as the web app does; a patch is kept as the whole state it
 * leads to, so tests read rooms (`frames` keeps what was really sent).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { followRoom, type HeldRoom } from '../../core/protocol/followRoom';
import {
  LIVE_PROTOCOL_VERSION,
  type LiveCommand,
  type RoomView,
  type ServerMessage,
  type SpaceMessage,
  serverMessage,
  spaceMessage,
} from '../../core/protocol/live';

export interface LiveClient {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Every message as the server sent it (patches as patches). */
  frames: ServerMessage[];
  /** Resolves with the first message (from now on, or already received after `from`) that matches. */
  next<T extends ServerMessage>(
    match: (m: ServerMessage) => m is T,
    timeoutMs?: number,
  ): Promise<T>;
  waitFor(match: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Sends a command and resolves with its acknowledgement. */
  command(command: LiveCommand, id?: string): Promise<Extract<ServerMessage, { type: 'ack' }>>;
  /** The latest room this client was sent. */
  room(): RoomView | null;
  /** Resolves when the socket closes, with the code and reason the server gave. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function liveUrl(
  baseUrl: string,
  meetingId: string,
  version: number = LIVE_PROTOCOL_VERSION,
): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/live/${meetingId}?v=${version}`;
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function connectLive(
  baseUrl: string,
  meetingId: string,
  cookie: string | null,
  origin = baseUrl,
): Promise<LiveClient> {
  const ws = new WebSocket(liveUrl(baseUrl, meetingId), {
    headers: { ...(cookie ? { cookie } : {}), origin },
  });
  const messages: ServerMessage[] = [];
  const frames: ServerMessage[] = [];
  const waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] =
    [];
  let held: HeldRoom = { room: null, heard: -1 };
  ws.on('message', (data) => {
    // Every message the server sends must be one the protocol's union accepts.
    const sent = serverMessage.parse(JSON.parse(data.toString()));
    frames.push(sent);
    let message: ServerMessage | null = sent;
    if (sent.type === 'snapshot' || sent.type === 'state' || sent.type === 'patch') {
      const before = held.room;
      const followed = followRoom(held, sent);
      held = followed;
      if (followed.resync) {
        ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'resync' }));
      }
      if (sent.type === 'patch') {
        message =
          followed.room && followed.room !== before
            ? { v: LIVE_PROTOCOL_VERSION, type: 'state', room: followed.room }
            : null;
      }
    }
    if (!message) return;
    messages.push(message);
    // A snapshot after a resync also brings the room up to date: whoever waits for the room to
    // reach some state hears of it as a state too (else a change that came in the snapshot
    // would never match, however long they waited).
    const heard =
      sent.type === 'snapshot' && held.room
        ? [message, { v: LIVE_PROTOCOL_VERSION, type: 'state', room: held.room } as ServerMessage]
        : [message];
    for (const each of heard) {
      for (const waiter of [...waiters]) {
        if (waiter.match(each)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(each);
        }
      }
    }
  });
  const waitFor = (match: (m: ServerMessage) => boolean, timeoutMs = 5000) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no matching live message in time')),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const client: LiveClient = {
    ws,
    closed,
    messages,
    frames,
    next: (match, timeoutMs) => waitFor(match, timeoutMs) as never,
    waitFor,
    async command(command, id = randomUUID()) {
      const ack = waitFor((m) => m.type === 'ack' && m.id === id);
      ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'command', id, command }));
      return (await ack) as Extract<ServerMessage, { type: 'ack' }>;
    },
    room: () => held.room,
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  return new Promise((resolve, reject) => {
    const snapshot = waitFor((m) => m.type === 'snapshot', 10_000);
    ws.once('unexpected-response', (_request, response) => {
      reject(
        Object.assign(new Error(`upgrade refused: ${response.statusCode}`), {
          status: response.statusCode,
        }),
      );
    });
    ws.once('error', reject);
    snapshot.then(() => resolve(client), reject);
  });
}

export interface SpaceClient {
  messages: SpaceMessage[];
  /** Calls `listener` with every notice from now on. */
  onMessage(listener: (m: SpaceMessage) => void): void;
  /** Resolves with the first notice (already received or to come) that matches. */
  waitFor(match: (m: SpaceMessage) => boolean, timeoutMs?: number): Promise<SpaceMessage>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** Opens a group space's notice socket; rejects with the HTTP status when refused. */
export function connectSpace(
  baseUrl: string,
  groupId: string,
  cookie: string | null,
  origin = baseUrl,
): Promise<SpaceClient> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/groups/${groupId}/space/live?v=${LIVE_PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { ...(cookie ? { cookie } : {}), origin } });
  const messages: SpaceMessage[] = [];
  const listeners: ((m: SpaceMessage) => void)[] = [];
  const waiters: { match: (m: SpaceMessage) => boolean; resolve: (m: SpaceMessage) => void }[] = [];
  ws.on('message', (data) => {
    const message = spaceMessage.parse(JSON.parse(data.toString()));
    messages.push(message);
    for (const listener of listeners) listener(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        messages,
        onMessage: (listener) => listeners.push(listener),
        closed,
        waitFor: (match, timeoutMs = 5000) => {
          const seen = messages.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((resolveWait, rejectWait) => {
            const timer = setTimeout(
              () => rejectWait(new Error('no matching notice in time')),
              timeoutMs,
            );
            waiters.push({
              match,
              resolve: (m) => {
                clearTimeout(timer);
                resolveWait(m);
              },
            });
          });
        },
        close: async () => {
          if (ws.readyState === ws.CLOSED) return;
          ws.close();
          await closed;
        },
      }),
    );
  });
}
