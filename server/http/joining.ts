import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupParams } from '../../core/protocol/common';
import { groupDetail } from '../../core/protocol/groups';
import {
  applicationParams,
  applicationsForReview,
  applicationView,
  applyBody,
  confirmBody,
  decideApplicationBody,
  joiningView,
  myWaiting,
} from '../../core/protocol/joining';
import type { Deps } from '../deps';
import { applyToGroup } from '../services/joining/applyToGroup';
import { claimOffer } from '../services/joining/claimOffer';
import { decideApplication } from '../services/joining/decideApplication';
import { getJoining } from '../services/joining/getJoining';
import { joinWaitlist } from '../services/joining/joinWaitlist';
import { leaveWaitlist } from '../services/joining/leaveWaitlist';
import { listApplicationsForReview } from '../services/joining/listApplicationsForReview';
import { listMyApplications } from '../services/joining/listMyApplications';
import { listMyWaiting } from '../services/joining/listMyWaiting';
import { withdrawApplication } from '../services/joining/withdrawApplication';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Joining a group on purpose: the commitment, the waitlist, applications. */
export function joiningRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['joining'];
    app.get(
      '/api/groups/:id/joining',
      {
        schema: {
          tags,
          summary: 'What joining means: commitment, agreement, criteria, questions, your status',
          params: groupParams,
          response: { 200: joiningView, ...errorResponses(400, 404) },
        },
      },
      async (request) => getJoining(deps, request.viewer, { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/waitlist',
      {
        schema: {
          tags,
          summary: 'Join the waitlist of a full open group (a free seat is simply taken)',
          params: groupParams,
          body: confirmBody,
          response: { 200: joiningView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) => joinWaitlist(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.delete(
      '/api/groups/:id/waitlist',
      {
        schema: {
          tags,
          summary: 'Leave the waitlist, or let an offered seat go',
          params: groupParams,
          response: { 200: joiningView, ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        leaveWaitlist(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/waitlist/claim',
      {
        schema: {
          tags,
          summary: 'Take the seat offered to you',
          params: groupParams,
          response: { 200: groupDetail, ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request) => claimOffer(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/applications',
      {
        schema: {
          tags,
          summary: 'Apply to a closed group, answering its questions',
          params: groupParams,
          body: applyBody,
          response: { 201: applicationView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await applyToGroup(deps, requireViewer(request), {
            groupId: request.params.id,
            answers: request.body.answers,
          }),
        ),
    );

    app.get(
      '/api/groups/:id/applications',
      {
        schema: {
          tags,
          summary: 'Applications waiting, with the group’s mix beside each (stewards)',
          params: groupParams,
          response: { 200: applicationsForReview, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        listApplicationsForReview(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.get(
      '/api/me/applications',
      {
        schema: {
          tags,
          summary: 'Your applications and what became of them',
          response: { 200: z.object({ items: z.array(applicationView) }), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await listMyApplications(deps, requireViewer(request)) }),
    );

    app.get(
      '/api/me/waiting',
      {
        schema: {
          tags,
          summary: 'Where you are waiting to get in: applications and waitlist places',
          response: { 200: myWaiting, ...errorResponses(401) },
        },
      },
      async (request) => listMyWaiting(deps, requireViewer(request)),
    );

    app.post(
      '/api/applications/:applicationId/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw your application',
          params: applicationParams,
          response: { 200: applicationView, ...errorResponses(401, 404, 409, 415) },
        },
      },
      async (request) =>
        withdrawApplication(deps, requireViewer(request), {
          applicationId: request.params.applicationId,
        }),
    );

    app.post(
      '/api/applications/:applicationId/decision',
      {
        schema: {
          tags,
          summary: 'Accept, decline (with an optional message) or waitlist an application',
          params: applicationParams,
          body: decideApplicationBody,
          response: { 200: applicationView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        decideApplication(deps, requireViewer(request), {
          applicationId: request.params.applicationId,
          ...request.body,
        }),
    );
  };
}
