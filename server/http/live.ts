import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { LIVE_PROTOCOL_VERSION } from '../../core/protocol/live';
import { requireGroupAccess } from '../access/requireGroupAccess';
import type { Deps } from '../deps';
import { closeFor, type LiveNode } from '../live/node';
import { ensureRoom, type LiveAccess, liveAccess } from '../live/rooms';
import { serveSocket } from '../live/socket';
import type { SpaceHub } from '../live/spaceHub';
import { requireViewer } from './viewer';

declare module 'fastify' {
  interface FastifyRequest {
    liveAccess: LiveAccess | null;
  }
}

/**
 * The live session socket. The upgrade is refused with a plain HTTP error unless the request
 * carries a session cookie, comes from Hearth's own origin, and is from a member of the
 * meeting's group; then the socket is served by server/live (messages in core/protocol/live).
 */
export function liveRoutes(deps: Deps, node: LiveNode, hub: SpaceHub): FastifyPluginAsyncZod {
  return async (app) => {
    app.decorateRequest('liveAccess', null);
    const publicOrigin = new URL(deps.config.publicUrl).origin;
    /** A socket opens only from Hearth's own pages (browsers send Origin on every upgrade). */
    const requireOwnOrigin = (request: FastifyRequest) => {
      const origin = request.headers.origin;
      if (origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
        throw new AppError('request.origin', 'The live session only opens from Hearth itself.');
      }
    };

    app.get(
      '/api/groups/:id/space/live',
      {
        websocket: true,
        schema: {
          tags: ['space'],
          summary: 'Notices of new posts in the group’s spaces (WebSocket; core/protocol/live.ts)',
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          querystring: z.object({ v: z.coerce.number().int().optional() }),
        },
        preHandler: async (request) => {
          requireOwnOrigin(request);
          const { id } = request.params as { id: string };
          await requireGroupAccess(deps, requireViewer(request), id, 'space.visit');
        },
      },
      (socket, request) => {
        if ((request.query as { v?: number }).v !== LIVE_PROTOCOL_VERSION) {
          closeFor(socket, 'outdated');
          return;
        }
        hub.attach(socket, requireViewer(request), (request.params as { id: string }).id);
      },
    );

    app.get(
      '/api/live/:meetingId',
      {
        websocket: true,
        schema: {
          tags: ['live'],
          summary: 'The live session (WebSocket; messages in core/protocol/live.ts)',
          params: z.strictObject({ meetingId: z.string().min(1).max(64) }),
          querystring: z.object({ v: z.coerce.number().int().optional() }),
        },
        preHandler: async (request) => {
          requireOwnOrigin(request);
          const viewer = requireViewer(request);
          const { meetingId } = request.params as { meetingId: string };
          const access = await liveAccess(deps, viewer, meetingId);
          await ensureRoom(deps, access);
          request.liveAccess = access;
        },
      },
      (socket, request) => {
        serveSocket(deps, node, socket, request.liveAccess as LiveAccess, {
          clientVersion: (request.query as { v?: number }).v,
          log: request.log,
        });
      },
    );
  };
}
