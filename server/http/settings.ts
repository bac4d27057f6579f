import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthResponse, publicSettings } from '../../core/protocol/settings';
import type { Deps } from '../deps';
import { getSettings } from '../services/settings/getSettings';
import { errorResponses } from './errorResponses';

/** The deployment's public settings, and the health check. */
export function settingsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['deployment'];
    app.get(
      '/api/settings',
      {
        schema: {
          tags,
          summary: 'Deployment name, crisis resources and group size limits',
          response: { 200: publicSettings },
        },
      },
      async () => getSettings(deps.db),
    );

    app.get(
      '/healthz',
      {
        schema: {
          tags,
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
