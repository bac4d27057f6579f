import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mailParams, openedMail, outboxList } from '../../core/protocol/mail';
import { publicSettings, updateSettingsBody } from '../../core/protocol/settings';
import type { Deps } from '../deps';
import { listOutbox, readMail } from '../services/mail/listOutbox';
import { retryMail } from '../services/mail/retryMail';
import { updateSettings } from '../services/settings/updateSettings';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** What the deployment's administrators do: its settings and its outbox. */
export function adminRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['admin'];
    app.patch(
      '/api/admin/settings',
      {
        schema: {
          tags,
          summary: 'Change deployment settings (administrators)',
          body: updateSettingsBody,
          response: { 200: publicSettings, ...errorResponses(400, 401, 403, 415) },
        },
      },
      async (request) => updateSettings(deps, requireViewer(request), request.body),
    );

    app.get(
      '/api/admin/mail',
      {
        schema: {
          tags,
          summary: 'The outbox: recent mail and what happened to it (administrators)',
          response: { 200: outboxList, ...errorResponses(401, 403) },
        },
      },
      async (request) => listOutbox(deps, requireViewer(request)),
    );

    app.get(
      '/api/admin/mail/:mailId',
      {
        schema: {
          tags,
          summary:
            'Open one mail (administrators); opening a mail about a group is recorded in its record',
          params: mailParams,
          response: { 200: openedMail, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => readMail(deps, requireViewer(request), request.params),
    );

    app.post(
      '/api/admin/mail/:mailId/retry',
      {
        schema: {
          tags,
          summary: 'Try a kept or failed mail again (administrators)',
          params: mailParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        await retryMail(deps, requireViewer(request), request.params);
        return reply.code(204).send(null);
      },
    );
  };
}
