import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupParams } from '../../core/protocol/common';
import { purposeAnswerBody, purposeDraftBody, purposeView } from '../../core/protocol/purpose';
import type { Deps } from '../deps';
import { answerPurpose } from '../services/purpose/answerPurpose';
import { askForPurpose } from '../services/purpose/askForPurpose';
import { draftPurpose } from '../services/purpose/draftPurpose';
import { getPurpose } from '../services/purpose/getPurpose';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The group's purpose, drafted from its members' answers. */
export function purposeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['purpose'];
    const errors = errorResponses(400, 401, 403, 404, 409, 415);
    app.get(
      '/api/groups/:id/purpose',
      {
        schema: {
          tags,
          summary: 'The purpose, its history, and the round of answers (members)',
          params: groupParams,
          response: { 200: purposeView, ...errors },
        },
      },
      async (request) => getPurpose(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/purpose/ask',
      {
        schema: {
          tags,
          summary: 'Ask the members what they think the purpose is (stewards)',
          params: groupParams,
          response: { 200: purposeView, ...errors },
        },
      },
      async (request) =>
        askForPurpose(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.put(
      '/api/groups/:id/purpose/answer',
      {
        schema: {
          tags,
          summary: 'Say in your own words what the group is for',
          params: groupParams,
          body: purposeAnswerBody,
          response: { 200: purposeView, ...errors },
        },
      },
      async (request) =>
        answerPurpose(deps, requireViewer(request), {
          groupId: request.params.id,
          answer: request.body.answer,
        }),
    );

    app.post(
      '/api/groups/:id/purpose/drafts',
      {
        schema: {
          tags,
          summary: 'Put a draft purpose (12 words or fewer) to the group for consent (stewards)',
          params: groupParams,
          body: purposeDraftBody,
          response: { 200: purposeView, ...errors },
        },
      },
      async (request) =>
        draftPurpose(deps, requireViewer(request), { groupId: request.params.id, ...request.body }),
    );
  };
}
