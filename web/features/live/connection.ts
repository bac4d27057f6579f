/**
 * The live session's connection: one WebSocket that reconnects by itself (with back-off) and
 * resyncs from a snapshot, a measured offset to the server's clock (several pings, keeping
 * the one with the smallest round trip), and commands with ids so a retry applies once.
 * The room is a signal; screens count down locally from the server's times.
 */
import { type Signal, signal } from '@preact/signals';
import { followRoom, type RoomMessage } from '../../../core/protocol/followRoom';
import {
  type CallSignal,
  LIVE_PROTOCOL_VERSION,
  type LiveCloseReason,
  type LiveCommand,
  type RoomView,
  type ServerMessage,
  serverMessage,
} from '../../../core/protocol/live';
import { t } from '../../i18n/t';
import { path } from '../../lib/api';
import { newId } from '../../lib/ids';
import { type LinkState, openSocket } from '../../lib/socket';

export type { LinkState };

export interface LiveSession {
  room: Signal<RoomView | null>;
  you: Signal<string | null>;
  link: Signal<LinkState>;
  /** serverTime ≈ Date.now() + offset. */
  offset: Signal<number>;
  /** The last refusal or problem, in plain words. */
  notice: Signal<string | null>;
  /**
   * Why the server closed the session for good on this device (signed out, no longer in the
   * group, the meeting cancelled, or Hearth updated so the page must reload). No reconnecting
   * then.
   */
  ended: Signal<LiveCloseReason | null>;
  /** For the facilitator: one or two voices have filled the discussion; a round may help. */
  nudge: Signal<boolean>;
  send(command: LiveCommand): Promise<boolean>;
  /** The call: a signal to one other person in it, and asking for the ICE servers to use. */
  signal(to: string, signal: CallSignal): void;
  askIce(): void;
  /** Hears the call's messages (signals from others, ICE servers); returns how to stop. */
  onCall(listener: (message: CallMessage) => void): () => void;
  close(): void;
}

export type CallMessage = Extract<ServerMessage, { type: 'signal' | 'ice' }>;

const PINGS = 6;
const RESYNC_CLOCK_MS = 60_000;

export function openLiveSession(meetingId: string): LiveSession {
  const room = signal<RoomView | null>(null);
  const you = signal<string | null>(null);
  const offset = signal(0);
  const notice = signal<string | null>(null);
  const nudge = signal(false);
  /** Commands sent but not yet acknowledged: sent again, with the same id, after a reconnect. */
  const pending = new Map<string, { command: LiveCommand; resolve: (ok: boolean) => void }>();
  let best = Number.POSITIVE_INFINITY;
  /** The newest version the server has spoken of; a resync asked for and not yet answered. */
  let heard = -1;
  let resyncing = false;
  const callListeners = new Set<(message: CallMessage) => void>();

  const follow = (message: RoomMessage) => {
    const next = followRoom({ room: room.value, heard }, message);
    heard = next.heard;
    if (next.room !== room.value) room.value = next.room;
    if (message.type === 'snapshot') resyncing = false;
    // Behind (a change missed, or one that did not apply): catch up once, from a snapshot.
    if (next.resync && !resyncing) {
      resyncing = true;
      socket.send({ type: 'resync' });
    }
  };

  const syncClock = () => {
    best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < PINGS; i++) {
      setTimeout(() => socket.send({ type: 'ping', t: Date.now() }), i * 150);
    }
  };

  const onMessage = (data: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    // Every message is checked against the protocol this page was built with.
    const parsed = serverMessage.safeParse(raw);
    if (!parsed.success) {
      const version = (raw as { v?: unknown } | null)?.v;
      if (version !== LIVE_PROTOCOL_VERSION) socket.outdated();
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'snapshot':
        you.value = message.you;
        offset.value = message.serverTime - Date.now();
        follow(message);
        break;
      case 'state':
      case 'patch':
        follow(message);
        break;
      case 'pong': {
        const now = Date.now();
        const rtt = now - message.t;
        if (rtt < best) {
          best = rtt;
          offset.value = message.serverTime - (message.t + rtt / 2);
        }
        break;
      }
      case 'ack': {
        pending.get(message.id)?.resolve(message.ok);
        pending.delete(message.id);
        if (!message.ok && message.refusal) notice.value = t(`live.refusal.${message.refusal}`);
        // A refusal may mean this screen is behind: catch up.
        if (!message.ok && room.value && message.version > room.value.version) {
          socket.send({ type: 'resync' });
        }
        break;
      }
      case 'error':
        notice.value = t(`live.error.${message.code}`);
        break;
      case 'nudge':
        nudge.value = message.suggest === 'round';
        break;
      case 'signal':
      case 'ice':
        for (const listener of callListeners) listener(message);
        break;
    }
  };

  const socket = openSocket(path`/api/live/${meetingId}`, {
    onOpen: () => {
      syncClock();
      for (const [id, { command }] of pending) socket.send({ type: 'command', id, command });
    },
    onMessage,
    onWake: () => {
      socket.send({ type: 'resync' });
      syncClock();
    },
  });
  const clockTimer = setInterval(syncClock, RESYNC_CLOCK_MS);

  return {
    room,
    you,
    link: socket.link,
    offset,
    notice,
    ended: socket.ended,
    nudge,
    send(command) {
      const id = newId();
      notice.value = null;
      return new Promise((resolve) => {
        const giveUp = setTimeout(() => {
          if (!pending.delete(id)) return;
          notice.value = t('live.notDelivered');
          resolve(false);
        }, 20_000);
        pending.set(id, {
          command,
          resolve: (ok) => {
            clearTimeout(giveUp);
            resolve(ok);
          },
        });
        // Sent now if connected; otherwise when the connection is back.
        socket.send({ type: 'command', id, command });
      });
    },
    signal(to, body) {
      socket.send({ type: 'signal', to, signal: body });
    },
    askIce() {
      socket.send({ type: 'ice' });
    },
    onCall(listener) {
      callListeners.add(listener);
      return () => callListeners.delete(listener);
    },
    close() {
      callListeners.clear();
      clearInterval(clockTimer);
      socket.close();
    },
  };
}
