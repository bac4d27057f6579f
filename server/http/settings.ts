import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthResponse, publicSettings, readyResponse } from '../../core/protocol/settings';
import type { Deps } from '../deps';
import { checkReady } from '../services/settings/checkReady';
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
          summary: 'Liveness, database reachability and whether this node hears the others',
          response: { 200: healthResponse, ...errorResponses(500) },
        },
      },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { status: 'ok' as const, database: deps.dialect, bus: deps.bus.state() };
      },
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags,
          summary: 'Readiness: the database answers and every migration is applied',
          response: { 200: readyResponse, 503: readyResponse },
        },
      },
      async (_request, reply) => {
        const problem = await checkReady(deps);
        return reply
          .code(problem ? 503 : 200)
          .header('cache-control', 'no-store')
          .send({ status: problem ? 'not_ready' : 'ready', database: deps.dialect, problem });
      },
    );
  };
}
