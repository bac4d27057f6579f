import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationList } from '../../core/protocol/notifications';
import type { Deps } from '../deps';
import { listNotifications } from '../services/notifications/listNotifications';
import { markNotificationsRead } from '../services/notifications/markNotificationsRead';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The signed-in person's notifications. */
export function notificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/api/me/notifications',
      {
        schema: {
          tags,
          summary: 'Your notifications',
          response: { 200: notificationList, ...errorResponses(401) },
        },
      },
      async (request) => listNotifications(deps, requireViewer(request)),
    );

    app.post(
      '/api/me/notifications/read',
      {
        schema: {
          tags,
          summary: 'Mark all your notifications read',
          response: { 204: z.null(), ...errorResponses(401, 403, 415) },
        },
      },
      async (request, reply) => {
        await markNotificationsRead(deps, requireViewer(request));
        return reply.code(204).send(null);
      },
    );
  };
}
