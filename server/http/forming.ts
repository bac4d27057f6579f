import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupDetail, groupParams } from '../../core/protocol/api';
import {
  applicationParams,
  applicationsForReview,
  applicationView,
  applyBody,
  confirmBody,
  decideApplicationBody,
  decisionParams,
  decisionRespondBody,
  groupDecision,
  joiningView,
  lifecycleView,
  myWaiting,
  purposeAnswerBody,
  purposeDraftBody,
  purposeView,
  reviewBody,
  updateGroupBody,
} from '../../core/protocol/forming';
import type { Deps } from '../services/deps';
import {
  applyToGroup,
  decideApplication,
  listApplicationsForReview,
  listMyApplications,
  listMyWaiting,
  withdrawApplication,
} from '../services/forming/applications';
import { getDecision, respondToDecision, withdrawDecision } from '../services/forming/decisions';
import { exportContributions } from '../services/forming/exportContributions';
import { getJoining } from '../services/forming/joining';
import { getLifecycle, proposeReview } from '../services/forming/lifecycle';
import {
  answerPurpose,
  askForPurpose,
  draftPurpose,
  getPurpose,
} from '../services/forming/purpose';
import { updateGroup } from '../services/forming/updateGroup';
import { claimOffer, joinWaitlist, leaveWaitlist } from '../services/forming/waitlist';
import { getGroup } from '../services/getGroup';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Forming a group: its profile, joining, applications, waitlist, purpose and lifecycle. */
export function formingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch(
      '/api/groups/:id',
      {
        schema: {
          tags: ['groups'],
          summary: 'Change the group’s details, joining questions, cap and plan (stewards)',
          params: groupParams,
          body: updateGroupBody,
          response: { 200: groupDetail, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) => updateGroup(deps, requireViewer(request), request.params.id, request.body),
    );

    app.get(
      '/api/groups/:id/joining',
      {
        schema: {
          tags: ['joining'],
          summary: 'What joining means: commitment, agreement, criteria, questions, your status',
          params: groupParams,
          response: { 200: joiningView, ...errorResponses(400, 404) },
        },
      },
      async (request) => getJoining(deps, request.viewer?.userId ?? null, request.params.id),
    );

    app.post(
      '/api/groups/:id/waitlist',
      {
        schema: {
          tags: ['joining'],
          summary: 'Join the waitlist of a full open group (a free seat is simply taken)',
          params: groupParams,
          body: confirmBody,
          response: { 200: joiningView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) => {
        const viewer = requireViewer(request);
        await joinWaitlist(deps, viewer, request.params.id);
        return getJoining(deps, viewer.userId, request.params.id);
      },
    );

    app.delete(
      '/api/groups/:id/waitlist',
      {
        schema: {
          tags: ['joining'],
          summary: 'Leave the waitlist, or let an offered seat go',
          params: groupParams,
          response: { 200: joiningView, ...errorResponses(401, 404, 409, 415) },
        },
      },
      async (request) => {
        const viewer = requireViewer(request);
        await leaveWaitlist(deps, viewer, request.params.id);
        return getJoining(deps, viewer.userId, request.params.id);
      },
    );

    app.post(
      '/api/groups/:id/waitlist/claim',
      {
        schema: {
          tags: ['joining'],
          summary: 'Take the seat offered to you',
          params: groupParams,
          response: { 200: groupDetail, ...errorResponses(401, 404, 409, 415) },
        },
      },
      async (request) => {
        const viewer = requireViewer(request);
        await claimOffer(deps, viewer, request.params.id);
        return getGroup(deps, viewer.userId, request.params.id);
      },
    );

    app.post(
      '/api/groups/:id/applications',
      {
        schema: {
          tags: ['joining'],
          summary: 'Apply to a closed group, answering its questions',
          params: groupParams,
          body: applyBody,
          response: { 201: applicationView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await applyToGroup(deps, requireViewer(request), request.params.id, request.body)),
    );

    app.get(
      '/api/groups/:id/applications',
      {
        schema: {
          tags: ['joining'],
          summary: 'Applications waiting, with the group’s mix beside each (stewards)',
          params: groupParams,
          response: { 200: applicationsForReview, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => listApplicationsForReview(deps, requireViewer(request), request.params.id),
    );

    app.get(
      '/api/me/applications',
      {
        schema: {
          tags: ['joining'],
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
          tags: ['joining'],
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
          tags: ['joining'],
          summary: 'Withdraw your application',
          params: applicationParams,
          response: { 200: applicationView, ...errorResponses(401, 404, 409, 415) },
        },
      },
      async (request) =>
        withdrawApplication(deps, requireViewer(request), request.params.applicationId),
    );

    app.post(
      '/api/applications/:applicationId/decision',
      {
        schema: {
          tags: ['joining'],
          summary: 'Accept, decline (with an optional message) or waitlist an application',
          params: applicationParams,
          body: decideApplicationBody,
          response: { 200: applicationView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        decideApplication(deps, requireViewer(request), request.params.applicationId, request.body),
    );

    app.get(
      '/api/groups/:id/purpose',
      {
        schema: {
          tags: ['purpose'],
          summary: 'The purpose, its history, and the round of answers (members)',
          params: groupParams,
          response: { 200: purposeView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getPurpose(deps, requireViewer(request), request.params.id),
    );

    app.post(
      '/api/groups/:id/purpose/ask',
      {
        schema: {
          tags: ['purpose'],
          summary: 'Ask the members what they think the purpose is (stewards)',
          params: groupParams,
          response: { 200: purposeView, ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request) => askForPurpose(deps, requireViewer(request), request.params.id),
    );

    app.put(
      '/api/groups/:id/purpose/answer',
      {
        schema: {
          tags: ['purpose'],
          summary: 'Say in your own words what the group is for',
          params: groupParams,
          body: purposeAnswerBody,
          response: { 200: purposeView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        answerPurpose(deps, requireViewer(request), request.params.id, request.body),
    );

    app.post(
      '/api/groups/:id/purpose/drafts',
      {
        schema: {
          tags: ['purpose'],
          summary: 'Put a draft purpose (12 words or fewer) to the group for consent (stewards)',
          params: groupParams,
          body: purposeDraftBody,
          response: { 200: purposeView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        draftPurpose(deps, requireViewer(request), request.params.id, request.body),
    );

    app.get(
      '/api/decisions/:decisionId',
      {
        schema: {
          tags: ['purpose', 'lifecycle'],
          summary: 'One of the group’s decisions on its purpose or review',
          params: decisionParams,
          response: { 200: groupDecision, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getDecision(deps, requireViewer(request), request.params.decisionId),
    );

    app.put(
      '/api/decisions/:decisionId/response',
      {
        schema: {
          tags: ['purpose', 'lifecycle'],
          summary: 'Agree, stand aside or object (with a reason)',
          params: decisionParams,
          body: decisionRespondBody,
          response: { 200: groupDecision, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        respondToDecision(deps, requireViewer(request), request.params.decisionId, request.body),
    );

    app.post(
      '/api/decisions/:decisionId/withdraw',
      {
        schema: {
          tags: ['purpose', 'lifecycle'],
          summary: 'Withdraw a decision (whoever proposed it, or a steward)',
          params: decisionParams,
          response: { 200: groupDecision, ...errorResponses(401, 403, 404, 409, 415) },
        },
      },
      async (request) => withdrawDecision(deps, requireViewer(request), request.params.decisionId),
    );

    app.get(
      '/api/groups/:id/lifecycle',
      {
        schema: {
          tags: ['lifecycle'],
          summary: 'The group’s stage, meetings held, history of changes and its review',
          params: groupParams,
          response: { 200: lifecycleView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getLifecycle(deps, requireViewer(request), request.params.id),
    );

    app.post(
      '/api/groups/:id/review',
      {
        schema: {
          tags: ['lifecycle'],
          summary: 'Propose the review’s outcome: continue, continue with changes, or adjourn',
          params: groupParams,
          body: reviewBody,
          response: { 200: lifecycleView, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        proposeReview(deps, requireViewer(request), request.params.id, {
          option: request.body.option,
          plannedMeetings: request.body.plannedMeetings ?? null,
          changes: request.body.changes,
          deadlineDays: request.body.deadlineDays,
        }),
    );

    app.get(
      '/api/groups/:id/my-contributions',
      {
        schema: {
          tags: ['lifecycle'],
          summary: 'Everything you contributed to the group, as JSON to keep',
          params: groupParams,
          response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const data = await exportContributions(deps, requireViewer(request), request.params.id);
        return reply
          .header('content-disposition', 'attachment; filename="my-contributions.json"')
          .send(data);
      },
    );
  };
}
