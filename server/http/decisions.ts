import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { consentResponseBody } from '../../core/protocol/consent';
import { decisionParams, groupDecision } from '../../core/protocol/decisions';
import type { Deps } from '../deps';
import { getDecision } from '../services/decisions/getDecision';
import { respondToDecision } from '../services/decisions/respondToDecision';
import { withdrawDecision } from '../services/decisions/withdrawDecision';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The group's own decisions (its purpose, its review): responses and withdrawal. */
export function decisionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['decisions'];
    const errors = errorResponses(400, 401, 403, 404, 409, 415);
    app.get(
      '/api/decisions/:decisionId',
      {
        schema: {
          tags,
          summary: 'One of the group’s decisions on its purpose or review',
          params: decisionParams,
          response: { 200: groupDecision, ...errors },
        },
      },
      async (request) =>
        getDecision(deps, requireViewer(request), { decisionId: request.params.decisionId }),
    );

    app.put(
      '/api/decisions/:decisionId/response',
      {
        schema: {
          tags,
          summary: 'Agree, stand aside or object (with a reason)',
          params: decisionParams,
          body: consentResponseBody,
          response: { 200: groupDecision, ...errors },
        },
      },
      async (request) =>
        respondToDecision(deps, requireViewer(request), {
          decisionId: request.params.decisionId,
          ...request.body,
        }),
    );

    app.post(
      '/api/decisions/:decisionId/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw a decision (whoever proposed it, or a steward)',
          params: decisionParams,
          response: { 200: groupDecision, ...errors },
        },
      },
      async (request) =>
        withdrawDecision(deps, requireViewer(request), { decisionId: request.params.decisionId }),
    );
  };
}
