/**
 * One live-session socket, once the route has let it in: every message is checked against
 * the protocol's union; pings, resyncs and commands are answered; commands are rate-limited
 * and applied once per client id; the server sends a heartbeat and drops a socket that stops
 * answering.
 */
import type { RawData, WebSocket } from 'ws';
import {
  type ClientMessage,
  clientMessage,
  LIVE_PROTOCOL_VERSION,
  type LiveError,
} from '../../core/protocol/live';
import { nulPath } from '../../core/protocol/nul';
import type { Deps } from '../deps';
import { newId } from '../security/tokens';
import { iceMessage } from './ice';
import { type Connection, closeFor, type LiveNode, send } from './node';
import { type LiveAccess, readRoom, runAndAnnounce, toRoomView } from './rooms';

/** Messages a socket may send: a burst of 20, then 10 a second (commands, pings, resyncs). */
const BURST = 20;
const PER_SECOND = 10;
const HEARTBEAT_MS = 30_000;
/** Call signals: an offer, an answer and a handful of candidates per peer, ICE restarts. */
const SIGNAL_BURST = 200;
const SIGNALS_PER_SECOND = 20;

interface Bucket {
  burst: number;
  perSecond: number;
  tokens: number;
  refilled: number;
}

/** A full bucket of `burst` tokens, refilled at `perSecond`. */
const fullBucket = (burst: number, perSecond: number): Bucket => ({
  burst,
  perSecond,
  tokens: burst,
  refilled: Date.now(),
});

export interface SocketLog {
  error(details: object, message: string): void;
}

const error = (code: LiveError) => ({ v: LIVE_PROTOCOL_VERSION, type: 'error', code }) as const;

/**
 * Serves one socket. `clientVersion` is the protocol version the client said it speaks; a
 * client of another version is closed at once with `outdated`, so it reloads.
 */
export function serveSocket(
  deps: Deps,
  node: LiveNode,
  socket: WebSocket,
  access: LiveAccess,
  options: { clientVersion: number | undefined; log: SocketLog },
): void {
  if (options.clientVersion !== LIVE_PROTOCOL_VERSION) {
    closeFor(socket, 'outdated');
    return;
  }
  const connection: Connection = { socket, access };
  const pending: RawData[] = [];
  let ready = false;
  const messages = fullBucket(BURST, PER_SECOND);
  const signals = fullBucket(SIGNAL_BURST, SIGNALS_PER_SECOND);
  let alive = true;

  const snapshot = async () => {
    // The access as it stands: the node refreshes it when the group changes.
    const { access } = connection;
    const state = await readRoom(deps, access.meetingId);
    if (!state) return;
    send(socket, {
      v: LIVE_PROTOCOL_VERSION,
      type: 'snapshot',
      room: toRoomView(state, access),
      you: access.actor.userId,
      serverTime: deps.now().getTime(),
    });
  };

  /**
   * Spends one token; false (and a refusal sent) when the socket is over its limit. Call
   * signals have a bucket of their own: joining a call of six sends dozens at once.
   */
  const withinLimit = (bucket: Bucket): boolean => {
    const now = Date.now();
    bucket.tokens = Math.min(
      bucket.burst,
      bucket.tokens + ((now - bucket.refilled) / 1000) * bucket.perSecond,
    );
    bucket.refilled = now;
    if (bucket.tokens < 1) {
      send(socket, error('rate_limited'));
      return false;
    }
    bucket.tokens -= 1;
    return true;
  };

  const handle = async (data: RawData) => {
    if (connection.ended) return;
    let message: ClientMessage;
    try {
      const raw: unknown = JSON.parse(data.toString());
      const parsed = clientMessage.safeParse(raw);
      // A NUL cannot be stored on PostgreSQL; refused like any malformed message.
      if (!parsed.success || nulPath(raw)) {
        send(socket, error('bad_message'));
        return;
      }
      message = parsed.data;
    } catch {
      send(socket, error('bad_message'));
      return;
    }
    if (!withinLimit(message.type === 'signal' ? signals : messages)) return;
    switch (message.type) {
      case 'ping':
        send(socket, {
          v: LIVE_PROTOCOL_VERSION,
          type: 'pong',
          t: message.t,
          serverTime: deps.now().getTime(),
        });
        return;
      case 'resync':
        await snapshot();
        return;
      case 'ice':
        send(
          socket,
          iceMessage(deps.config.call, connection.access.actor.userId, deps.now().getTime()),
        );
        return;
      case 'signal':
        // A refused signal (the other person left the call) is dropped: their side moves on.
        await node.relaySignal(connection, message.to, message.signal);
        return;
      case 'command': {
        const result = await runAndAnnounce(deps, connection.access, message.id, message.command);
        send(socket, {
          v: LIVE_PROTOCOL_VERSION,
          type: 'ack',
          id: message.id,
          ok: result.ok,
          version: result.version,
          ...(result.refusal ? { refusal: result.refusal } : {}),
        });
      }
    }
  };

  // Listen at once: a message that arrives while the room loads waits its turn.
  let chain = Promise.resolve();
  const enqueue = (data: RawData) => {
    chain = chain
      .then(() => handle(data))
      .catch((err: unknown) => {
        options.log.error({ err }, 'live message failed');
        send(socket, error('internal'));
      });
  };
  socket.on('message', (data) => {
    if (ready) enqueue(data);
    else pending.push(data);
  });
  socket.on('pong', () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  socket.on('close', () => {
    clearInterval(heartbeat);
    node.detach(connection);
  });

  void node
    .attach(connection)
    .then(() => runAndAnnounce(deps, connection.access, `arrive-${newId()}`, { type: 'join' }))
    .then(async () => {
      await snapshot();
      ready = true;
      for (const data of pending.splice(0)) enqueue(data);
    })
    .catch((err: unknown) => {
      options.log.error({ err }, 'joining a live session failed');
      socket.close(1011, 'could not join');
    });
}
