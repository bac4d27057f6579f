import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupDetail, invitePreview, tokenParams } from '../../core/protocol/api';
import { confirmBody } from '../../core/protocol/forming';
import { acceptInvite } from '../services/acceptInvite';
import type { Deps } from '../services/deps';
import { previewInvite } from '../services/previewInvite';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Opening and accepting an invitation link. */
export function inviteRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/invites/:token',
      {
        schema: {
          tags: ['invitations'],
          summary: 'What an invitation is for (anyone holding the link)',
          params: tokenParams,
          response: { 200: invitePreview, ...errorResponses(400, 404, 410) },
        },
      },
      async (request) => previewInvite(deps, request.viewer?.userId ?? null, request.params.token),
    );

    app.post(
      '/api/invites/:token/accept',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Accept an invitation and join the group, confirming its commitment',
          params: tokenParams,
          body: confirmBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 410, 415) },
        },
      },
      async (request) => acceptInvite(deps, requireViewer(request), request.params.token),
    );
  };
}
