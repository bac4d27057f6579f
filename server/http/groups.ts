import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupParams } from '../../core/protocol/common';
import {
  changeMemberRoleBody,
  createGroupBody,
  directoryQuery,
  groupDetail,
  groupPage,
  memberParams,
  updateGroupBody,
} from '../../core/protocol/groups';
import { confirmBody } from '../../core/protocol/joining';
import type { Deps } from '../deps';
import { browseDirectory } from '../services/groups/browseDirectory';
import { changeMemberRole } from '../services/groups/changeMemberRole';
import { createGroup } from '../services/groups/createGroup';
import { endStaffRole } from '../services/groups/endStaffRole';
import { getGroup } from '../services/groups/getGroup';
import { listMyGroups } from '../services/groups/listMyGroups';
import { removeMember } from '../services/groups/removeMember';
import { updateGroup } from '../services/groups/updateGroup';
import { joinGroup } from '../services/joining/joinGroup';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Groups and their members. */
export function groupRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['groups'];
    app.post(
      '/api/groups',
      {
        schema: {
          tags,
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
          tags,
          summary: 'The directory of open and closed groups, newest first',
          querystring: directoryQuery,
          response: { 200: groupPage, ...errorResponses(400) },
        },
      },
      async (request) => browseDirectory(deps, request.viewer, request.query),
    );

    app.get(
      '/api/me/groups',
      {
        schema: {
          tags,
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
          tags,
          summary: 'One group; members are listed only for members',
          params: groupParams,
          response: { 200: groupDetail, ...errorResponses(400, 404) },
        },
      },
      // Not async: a cached page is answered without a promise.
      (request) => getGroup(deps, request.viewer, { groupId: request.params.id }),
    );

    app.patch(
      '/api/groups/:id',
      {
        schema: {
          tags,
          summary: 'Change the group’s details, joining questions, cap and plan (stewards)',
          params: groupParams,
          body: updateGroupBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        updateGroup(deps, requireViewer(request), { groupId: request.params.id, ...request.body }),
    );

    app.post(
      '/api/groups/:id/join',
      {
        schema: {
          tags,
          summary: 'Join an open group, confirming its commitment and agreement',
          params: groupParams,
          body: confirmBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) => joinGroup(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.delete(
      '/api/groups/:id/members/:userId',
      {
        schema: {
          tags,
          summary: 'Leave the group (your own id) or, as a steward, remove a member',
          params: memberParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) => {
        await removeMember(deps, requireViewer(request), {
          groupId: request.params.id,
          userId: request.params.userId,
        });
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/groups/:id/staff/:userId',
      {
        schema: {
          tags,
          summary: 'Step away from your staff role (your own id) or, as a steward, end someone’s',
          params: memberParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) => {
        await endStaffRole(deps, requireViewer(request), {
          groupId: request.params.id,
          userId: request.params.userId,
        });
        return reply.code(204).send(null);
      },
    );

    app.patch(
      '/api/groups/:id/members/:userId',
      {
        schema: {
          tags,
          summary: 'Make a member a steward, or step down as steward yourself',
          params: memberParams,
          body: changeMemberRoleBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        changeMemberRole(deps, requireViewer(request), {
          groupId: request.params.id,
          userId: request.params.userId,
          role: request.body.role,
        }),
    );
  };
}
