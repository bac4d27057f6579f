import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthResponse, publicSettings, updateSettingsBody } from '../../core/protocol/api';
import type { Deps } from '../services/deps';
import { getSettings } from '../services/getSettings';
import { updateSettings } from '../services/updateSettings';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The deployment's settings (public read, admin write) and the health check. */
export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/settings',
      {
        schema: {
          tags: ['deployment'],
          summary: 'Deployment name, crisis resources and group size limits',
          response: { 200: publicSettings },
        },
      },
      async () => getSettings(deps.db),
    );

    app.patch(
      '/api/admin/settings',
      {
        schema: {
          tags: ['deployment'],
          summary: 'Change deployment settings (administrators)',
          body: updateSettingsBody,
          response: { 200: publicSettings, ...errorResponses(400, 401, 403, 415) },
        },
      },
      async (request) => updateSettings(deps, requireViewer(request), request.body),
    );

    app.get(
      '/healthz',
      {
        schema: {
          tags: ['deployment'],
          summary: 'Liveness and database reachability',
          response: { 200: healthResponse, ...errorResponses(500) },
        },
      },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: deps.dialect };
      },
    );
  };
}
