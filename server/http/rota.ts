import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupParams } from '../../core/protocol/common';
import {
  groupRoleParams,
  notReadyBody,
  roleBody,
  rotaRoleBody,
  scheduleOverview,
} from '../../core/protocol/meetings';
import type { Deps } from '../deps';
import { addRole } from '../services/meetings/addRole';
import { planAgain } from '../services/meetings/planAgain';
import { setNotReady } from '../services/meetings/setNotReady';
import { setRoleInRota } from '../services/meetings/setRoleInRota';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The rota: a group's roles, who is not ready for which, and planning it again. */
export function rotaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['rota'];
    const errors = errorResponses(400, 401, 403, 404, 409, 415);

    app.post(
      '/api/groups/:id/roles',
      {
        schema: {
          tags,
          summary: 'Add a role of the group’s own (stewards)',
          params: groupParams,
          body: roleBody,
          response: { 201: scheduleOverview, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await addRole(deps, requireViewer(request), {
            groupId: request.params.id,
            ...request.body,
          }),
        ),
    );

    app.patch(
      '/api/groups/:id/roles/:roleId',
      {
        schema: {
          tags,
          summary: 'Put a role in the rota or leave it out (stewards)',
          params: groupRoleParams,
          body: rotaRoleBody,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) =>
        setRoleInRota(deps, requireViewer(request), {
          groupId: request.params.id,
          roleId: request.params.roleId,
          ...request.body,
        }),
    );

    app.put(
      '/api/groups/:id/roles/not-ready',
      {
        schema: {
          tags,
          summary: 'The roles you are not ready for yet',
          params: groupParams,
          body: notReadyBody,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) =>
        setNotReady(deps, requireViewer(request), {
          groupId: request.params.id,
          roleIds: request.body.roleIds,
        }),
    );

    app.post(
      '/api/groups/:id/rota/plan',
      {
        schema: {
          tags,
          summary: 'Plan the rota again (roles settled in swaps stay; stewards)',
          params: groupParams,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) => planAgain(deps, requireViewer(request), { groupId: request.params.id }),
    );
  };
}
