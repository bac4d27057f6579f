import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupParams, tokenParams } from '../../core/protocol/common';
import { groupDetail } from '../../core/protocol/groups';
import {
  createdInvite,
  createInviteBody,
  inviteList,
  inviteParams,
  invitePreview,
} from '../../core/protocol/invites';
import { confirmBody } from '../../core/protocol/joining';
import type { Deps } from '../deps';
import { acceptInvite } from '../services/invites/acceptInvite';
import { createInvite } from '../services/invites/createInvite';
import { listInvites } from '../services/invites/listInvites';
import { previewInvite } from '../services/invites/previewInvite';
import { revokeInvite } from '../services/invites/revokeInvite';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Invitations: made and revoked by stewards, opened and accepted by whoever holds one. */
export function inviteRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['invitations'];
    app.post(
      '/api/groups/:id/invites',
      {
        schema: {
          tags,
          summary: 'Make an invitation link, optionally mailed to one person (stewards)',
          params: groupParams,
          body: createInviteBody,
          response: { 201: createdInvite, ...errorResponses(400, 401, 403, 404, 409, 415, 429) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await createInvite(deps, requireViewer(request), {
            groupId: request.params.id,
            ...request.body,
          }),
        ),
    );

    app.get(
      '/api/groups/:id/invites',
      {
        schema: {
          tags,
          summary: 'Invitations that can still be used (stewards)',
          params: groupParams,
          response: { 200: inviteList, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => ({
        items: await listInvites(deps, requireViewer(request), { groupId: request.params.id }),
      }),
    );

    app.delete(
      '/api/groups/:id/invites/:inviteId',
      {
        schema: {
          tags,
          summary: 'Revoke an invitation (stewards)',
          params: inviteParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        await revokeInvite(deps, requireViewer(request), {
          groupId: request.params.id,
          inviteId: request.params.inviteId,
        });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/invites/:token',
      {
        schema: {
          tags,
          summary: 'What an invitation is for (anyone holding the link)',
          params: tokenParams,
          response: { 200: invitePreview, ...errorResponses(400, 404, 410) },
        },
      },
      async (request) => previewInvite(deps, request.viewer, { token: request.params.token }),
    );

    app.post(
      '/api/invites/:token/accept',
      {
        schema: {
          tags,
          summary: 'Accept an invitation and join the group, confirming its commitment',
          params: tokenParams,
          body: confirmBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 410, 415) },
        },
      },
      async (request) =>
        acceptInvite(deps, requireViewer(request), { token: request.params.token }),
    );
  };
}
