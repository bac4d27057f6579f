import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import {
  type ClientMessage,
  clientMessage,
  LIVE_PROTOCOL_VERSION,
  type ServerMessage,
} from '../../core/protocol/live';
import { type Connection, type LiveNode, send } from '../live/node';
import {
  ensureRoom,
  type LiveAccess,
  liveAccess,
  readRoom,
  runCommand,
  toRoomView,
  viewContext,
} from '../live/rooms';
import { newId } from '../security/tokens';
import type { Deps } from '../services/deps';
import { requireViewer } from './viewer';

declare module 'fastify' {
  interface FastifyRequest {
    liveAccess: LiveAccess | null;
  }
}

/** Commands a socket may send: a burst of 20, then 10 a second. */
const BURST = 20;
const PER_SECOND = 10;
const HEARTBEAT_MS = 30_000;

const error = (code: string, message: string): ServerMessage => ({
  v: LIVE_PROTOCOL_VERSION,
  type: 'error',
  code,
  message,
});

/**
 * The live session socket. The upgrade is refused with a plain HTTP error unless the request
 * carries a session cookie, comes from Hearth's own origin, and is from a member of the
 * meeting's group. Messages are validated; a bad one gets an error and nothing else changes.
 */
export function liveRoutes(deps: Deps, node: LiveNode): FastifyPluginAsyncZod {
  return async (app) => {
    app.decorateRequest('liveAccess', null);
    const publicOrigin = new URL(deps.config.publicUrl).origin;

    app.get(
      '/api/live/:meetingId',
      {
        websocket: true,
        schema: {
          tags: ['live'],
          summary: 'The live session (WebSocket; messages in core/protocol/live.ts)',
          params: z.strictObject({ meetingId: z.string().min(1).max(64) }),
        },
        preHandler: async (request) => {
          const origin = request.headers.origin;
          if (origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
            throw new AppError('request.origin', 'The live session only opens from Hearth itself.');
          }
          const viewer = requireViewer(request);
          const { meetingId } = request.params as { meetingId: string };
          const access = await liveAccess(deps, viewer, meetingId);
          await ensureRoom(deps, access);
          request.liveAccess = access;
        },
      },
      (socket: WebSocket, request) => {
        const access = request.liveAccess as LiveAccess;
        const connection: Connection = { socket, access };
        const pending: RawData[] = [];
        let ready = false;
        let tokens = BURST;
        let refilled = Date.now();
        let alive = true;

        const snapshot = async () => {
          const state = await readRoom(deps, access.meeting.id);
          if (!state) return;
          send(socket, {
            v: LIVE_PROTOCOL_VERSION,
            type: 'snapshot',
            room: toRoomView(state, viewContext(access)),
            you: access.actor.userId,
            serverTime: deps.now().getTime(),
          });
        };

        const handle = async (data: RawData) => {
          let message: ClientMessage;
          try {
            const parsed = clientMessage.safeParse(JSON.parse(data.toString()));
            if (!parsed.success) {
              send(socket, error('bad_message', 'That message was not understood.'));
              return;
            }
            message = parsed.data;
          } catch {
            send(socket, error('bad_message', 'That message was not valid JSON.'));
            return;
          }
          if (message.type === 'ping') {
            send(socket, {
              v: LIVE_PROTOCOL_VERSION,
              type: 'pong',
              t: message.t,
              serverTime: deps.now().getTime(),
            });
            return;
          }
          if (message.type === 'resync') {
            await snapshot();
            return;
          }
          const now = Date.now();
          tokens = Math.min(BURST, tokens + ((now - refilled) / 1000) * PER_SECOND);
          refilled = now;
          if (tokens < 1) {
            send(socket, error('rate_limited', 'That was a lot at once. Please wait a moment.'));
            return;
          }
          tokens -= 1;
          const result = await runCommand(deps, access, message.id, message.command);
          send(socket, {
            v: LIVE_PROTOCOL_VERSION,
            type: 'ack',
            id: message.id,
            ok: result.ok,
            version: result.version,
            ...(result.message ? { message: result.message } : {}),
          });
          if (result.ok && !result.repeated)
            await deps.live.publish(access.meeting.id, result.version);
        };

        // Listen at once: a message that arrives while the room loads waits its turn.
        let chain = Promise.resolve();
        const enqueue = (data: RawData) => {
          chain = chain
            .then(() => handle(data))
            .catch((err: unknown) => {
              request.log.error({ err }, 'live message failed');
              send(
                socket,
                error('internal', 'Something went wrong on our side. Please try again.'),
              );
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

        node.attach(connection);
        void runCommand(deps, access, `arrive-${newId()}`, { type: 'join' })
          .then(async (joined) => {
            await snapshot();
            if (joined.ok) await deps.live.publish(access.meeting.id, joined.version);
            ready = true;
            for (const data of pending.splice(0)) enqueue(data);
          })
          .catch((err: unknown) => {
            request.log.error({ err }, 'joining a live session failed');
            socket.close(1011, 'could not join');
          });
      },
    );
  };
}
