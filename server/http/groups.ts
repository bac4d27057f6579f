import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeRoleBody,
  createdInvite,
  createGroupBody,
  createInviteBody,
  directoryQuery,
  groupDetail,
  groupPage,
  groupParams,
  inviteList,
  inviteParams,
  memberParams,
} from '../../core/protocol/api';
import { confirmBody } from '../../core/protocol/forming';
import { browseDirectory } from '../services/browseDirectory';
import { changeMemberRole } from '../services/changeMemberRole';
import { createGroup } from '../services/createGroup';
import { createInvite } from '../services/createInvite';
import type { Deps } from '../services/deps';
import { joinGroup } from '../services/forming/joining';
import { getGroup } from '../services/getGroup';
import { listInvites } from '../services/listInvites';
import { listMyGroups } from '../services/listMyGroups';
import { removeMember } from '../services/removeMember';
import { revokeInvitation } from '../services/revokeInvitation';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Groups, their members and their invitations. */
export function groupRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/groups',
      {
        schema: {
          tags: ['groups'],
          summary: 'Start a group (you become its steward)',
          body: createGroupBody,
          response: { 201: groupDetail, ...errorResponses(400, 401, 403, 415) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createGroup(deps, requireViewer(request), request.body)),
    );

    app.get(
      '/api/groups',
      {
        schema: {
          tags: ['groups'],
          summary: 'The directory of open and closed groups, newest first',
          querystring: directoryQuery,
          response: { 200: groupPage, ...errorResponses(400) },
        },
      },
      async (request) => browseDirectory(deps, request.viewer?.userId ?? null, request.query),
    );

    app.get(
      '/api/me/groups',
      {
        schema: {
          tags: ['groups'],
          summary: 'The groups you belong to',
          response: { 200: groupPage, ...errorResponses(401) },
        },
      },
      async (request) => listMyGroups(deps, requireViewer(request)),
    );

    app.get(
      '/api/groups/:id',
      {
        schema: {
          tags: ['groups'],
          summary: 'One group; members are listed only for members',
          params: groupParams,
          response: { 200: groupDetail, ...errorResponses(400, 404) },
        },
      },
      async (request) => getGroup(deps, request.viewer?.userId ?? null, request.params.id),
    );

    app.post(
      '/api/groups/:id/join',
      {
        schema: {
          tags: ['groups'],
          summary: 'Join an open group, confirming its commitment and agreement',
          params: groupParams,
          body: confirmBody,
          response: { 200: groupDetail, ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request) => joinGroup(deps, requireViewer(request), request.params.id),
    );

    app.delete(
      '/api/groups/:id/members/:userId',
      {
        schema: {
          tags: ['groups'],
          summary: 'Leave the group (your own id) or, as a steward, remove a member',
          params: memberParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) => {
        await removeMember(deps, requireViewer(request), request.params.id, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.patch(
      '/api/groups/:id/members/:userId',
      {
        schema: {
          tags: ['groups'],
          summary: 'Make a member a steward, or step down as steward yourself',
          params: memberParams,
          body: changeRoleBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        changeMemberRole(
          deps,
          requireViewer(request),
          request.params.id,
          request.params.userId,
          request.body.role,
        ),
    );

    app.post(
      '/api/groups/:id/invites',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Make an invitation link (stewards)',
          params: groupParams,
          body: createInviteBody,
          response: { 201: createdInvite, ...errorResponses(400, 401, 403, 404, 415) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createInvite(deps, requireViewer(request), request.params.id, request.body)),
    );

    app.get(
      '/api/groups/:id/invites',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Invitations that can still be used (stewards)',
          params: groupParams,
          response: { 200: inviteList, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => ({
        items: await listInvites(deps, requireViewer(request), request.params.id),
      }),
    );

    app.delete(
      '/api/groups/:id/invites/:inviteId',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Revoke an invitation (stewards)',
          params: inviteParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        await revokeInvitation(
          deps,
          requireViewer(request),
          request.params.id,
          request.params.inviteId,
        );
        return reply.code(204).send(null);
      },
    );
  };
}
