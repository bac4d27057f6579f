import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meResponse, sessionList, sessionParams } from '../../core/protocol/accounts';
import type { Deps } from '../deps';
import { endSession } from '../services/accounts/endSession';
import { listSessions } from '../services/accounts/listSessions';
import { errorResponses } from './errorResponses';
import { clearSessionCookie, requireViewer } from './viewer';

/** The signed-in person: who they are, and where they are signed in. */
export function accountRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];
    app.get(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'The signed-in person',
          response: { 200: meResponse, ...errorResponses(401) },
        },
      },
      async (request) => {
        const viewer = requireViewer(request);
        return {
          id: viewer.userId,
          email: viewer.email,
          displayName: viewer.displayName,
          isAdmin: viewer.isAdmin,
          createdAt: viewer.createdAt,
        };
      },
    );

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags,
          summary: 'Where you are signed in',
          response: { 200: sessionList, ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await listSessions(deps, requireViewer(request)) }),
    );

    app.delete(
      '/api/me/sessions/:id',
      {
        schema: {
          tags,
          summary: 'End one of your sessions (sign out that device, closing its live sessions)',
          params: sessionParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        const viewer = requireViewer(request);
        await endSession(deps, viewer, { sessionId: request.params.id });
        if (request.params.id === viewer.sessionId) clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );
  };
}
