/**
 * A WebSocket to Hearth that comes back by itself: back-off with jitter after a drop, at once
 * when the page is shown again or the device is back online, and never after the server
 * closed it on purpose (signed out, no longer in the group, an outdated page), which it
 * reports in `ended`. The live session and the space's notices both use it.
 */
import { type Signal, signal } from '@preact/signals';
import {
  LIVE_CLOSE,
  LIVE_PROTOCOL_VERSION,
  LIVE_RESTARTING,
  type LiveCloseReason,
} from '../../core/protocol/live';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'restarting' | 'closed';

const CLOSE_REASONS = new Map(
  (Object.entries(LIVE_CLOSE) as [LiveCloseReason, number][]).map(([reason, code]) => [
    code,
    reason,
  ]),
);

export interface Socket {
  link: Signal<LinkState>;
  ended: Signal<LiveCloseReason | null>;
  /** The open socket, if there is one now. */
  current(): WebSocket | null;
  /** Sends a message of this protocol version, if connected; false otherwise. */
  send(message: object): boolean;
  /** The server's message was not one this page understands: stop as outdated. */
  outdated(): void;
  close(): void;
}

/**
 * Opens `path` (e.g. `/api/live/abc`) on this origin with the protocol version. `onOpen`
 * runs on every (re)connection; `onWake` when the page comes back while still connected.
 */
export function openSocket(
  path: string,
  handlers: {
    onOpen?: () => void;
    onMessage: (data: string) => void;
    onWake?: () => void;
  },
): Socket {
  const link = signal<LinkState>('connecting');
  const ended = signal<LiveCloseReason | null>(null);
  let socket: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const url = `${location.origin.replace(/^http/, 'ws')}${path}${path.includes('?') ? '&' : '?'}v=${LIVE_PROTOCOL_VERSION}`;

  const connect = () => {
    if (closed) return;
    link.value = attempt === 0 ? 'connecting' : 'reconnecting';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      link.value = 'open';
      handlers.onOpen?.();
    };
    ws.onmessage = (event: MessageEvent<string>) => handlers.onMessage(event.data);
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      const reason = CLOSE_REASONS.get(event.code);
      if (reason) {
        // The server ended it here on purpose: say why, and do not come back.
        ended.value = reason;
        closed = true;
      }
      if (closed) {
        link.value = 'closed';
        return;
      }
      link.value = event.code === LIVE_RESTARTING.code ? 'restarting' : 'reconnecting';
      // Back off: 0.5 s, 1 s, 2 s … up to 10 s, with some jitter so a room does not stampede.
      const delay = Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
    };
  };

  const onWake = () => {
    if (document.visibilityState !== 'visible') return;
    if (socket?.readyState === WebSocket.OPEN) handlers.onWake?.();
    else if (!socket && !closed) {
      clearTimeout(retryTimer);
      connect();
    }
  };
  document.addEventListener('visibilitychange', onWake);
  window.addEventListener('online', onWake);
  connect();

  const close = () => {
    closed = true;
    clearTimeout(retryTimer);
    document.removeEventListener('visibilitychange', onWake);
    window.removeEventListener('online', onWake);
    socket?.close();
  };
  return {
    link,
    ended,
    current: () => socket,
    send(message) {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, ...message }));
      return true;
    },
    outdated() {
      ended.value = 'outdated';
      close();
      link.value = 'closed';
    },
    close,
  };
}
