import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupParams } from '../../core/protocol/common';
import { lifecycleView, reviewBody } from '../../core/protocol/lifecycle';
import { recordPage, recordQuery } from '../../core/protocol/record';
import type { Deps } from '../deps';
import { exportContributions } from '../services/groups/exportContributions';
import { getGroupRecord } from '../services/groups/getGroupRecord';
import { closeGroup } from '../services/lifecycle/closeGroup';
import { getLifecycle } from '../services/lifecycle/getLifecycle';
import { proposeReview } from '../services/lifecycle/proposeReview';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** A group's life: its stage and history, its review, and each member's own export. */
export function lifecycleRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['lifecycle'];
    app.get(
      '/api/groups/:id/lifecycle',
      {
        schema: {
          tags,
          summary: 'The group’s stage, meetings held, history of changes and its review',
          params: groupParams,
          response: { 200: lifecycleView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getLifecycle(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/review',
      {
        schema: {
          tags,
          summary: 'Propose the review’s outcome: continue, continue with changes, or adjourn',
          params: groupParams,
          body: reviewBody,
          response: { 200: lifecycleView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        proposeReview(deps, requireViewer(request), {
          groupId: request.params.id,
          ...request.body,
        }),
    );

    app.post(
      '/api/groups/:id/close',
      {
        schema: {
          tags,
          summary: 'Close (adjourn) the group: for its only member, a steward, who stays',
          params: groupParams,
          response: { 200: lifecycleView, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => closeGroup(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.get(
      '/api/groups/:id/record',
      {
        schema: {
          tags,
          summary: 'The group’s record: who did what, and when (members)',
          params: groupParams,
          querystring: recordQuery,
          response: { 200: recordPage, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        getGroupRecord(deps, requireViewer(request), {
          groupId: request.params.id,
          before: request.query.before,
        }),
    );

    app.get(
      '/api/groups/:id/my-contributions',
      {
        schema: {
          tags,
          summary: 'Everything you contributed to the group, as JSON to keep',
          params: groupParams,
          response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const body = await exportContributions(deps, requireViewer(request), {
          groupId: request.params.id,
        });
        return reply
          .header('content-disposition', 'attachment; filename="my-contributions.json"')
          .send(body);
      },
    );
  };
}
