import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeBody,
  agreementOverview,
  closeBody,
  proposalDetail,
  proposalParams,
  proposeBody,
  reviseBody,
  templateList,
  versionDetail,
  versionParams,
} from '../../core/protocol/agreement';
import { groupParams } from '../../core/protocol/common';
import { consentResponseBody } from '../../core/protocol/consent';
import { AGREEMENT_TEMPLATES } from '../../core/templates/agreement';
import type { Deps } from '../deps';
import { acknowledgeAgreement } from '../services/agreement/acknowledgeAgreement';
import { closeProposal } from '../services/agreement/closeProposal';
import { getAgreement } from '../services/agreement/getAgreement';
import { getAgreementVersion } from '../services/agreement/getAgreementVersion';
import { getProposal } from '../services/agreement/getProposal';
import { proposeAgreementChange } from '../services/agreement/proposeAgreementChange';
import { respondToProposal } from '../services/agreement/respondToProposal';
import { reviseProposal } from '../services/agreement/reviseProposal';
import { withdrawProposal } from '../services/agreement/withdrawProposal';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The comfort agreement: templates, versions, proposals, responses, acknowledgements. */
export function agreementRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['agreement'];
    const memberErrors = errorResponses(400, 401, 403, 404, 409, 415);
    const ids = (params: { id: string; proposalId: string }) => ({
      groupId: params.id,
      proposalId: params.proposalId,
    });

    app.get(
      '/api/agreement-templates',
      {
        schema: {
          tags,
          summary: 'Templates a new group can start its agreement from',
          response: { 200: templateList },
        },
      },
      async () => ({
        items: AGREEMENT_TEMPLATES.map(({ key, name, description, items }) => ({
          key,
          name,
          description,
          items,
        })),
      }),
    );

    app.get(
      '/api/groups/:id/agreement',
      {
        schema: {
          tags,
          summary: 'The group’s agreement: current version, history, proposals, acknowledgements',
          params: groupParams,
          response: { 200: agreementOverview, ...memberErrors },
        },
      },
      async (request) => getAgreement(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.get(
      '/api/groups/:id/agreement/versions/:number',
      {
        schema: {
          tags,
          summary: 'One version: its items, what changed, and the proposal that made it',
          params: versionParams,
          response: { 200: versionDetail, ...memberErrors },
        },
      },
      async (request) =>
        getAgreementVersion(deps, requireViewer(request), {
          groupId: request.params.id,
          number: request.params.number,
        }),
    );

    app.post(
      '/api/groups/:id/agreement/acknowledge',
      {
        schema: {
          tags,
          summary: 'Accept the current version',
          params: groupParams,
          body: acknowledgeBody,
          response: { 204: z.null(), ...memberErrors },
        },
      },
      async (request, reply) => {
        await acknowledgeAgreement(deps, requireViewer(request), {
          groupId: request.params.id,
          version: request.body.version,
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/groups/:id/agreement/proposals',
      {
        schema: {
          tags,
          summary: 'Propose a change (add, amend, remove an item, or adopt a whole draft)',
          params: groupParams,
          body: proposeBody,
          response: { 201: proposalDetail, ...memberErrors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await proposeAgreementChange(deps, requireViewer(request), {
            groupId: request.params.id,
            ...request.body,
          }),
        ),
    );

    app.get(
      '/api/groups/:id/agreement/proposals/:proposalId',
      {
        schema: {
          tags,
          summary: 'One proposal with its responses and what happens next',
          params: proposalParams,
          response: { 200: proposalDetail, ...memberErrors },
        },
      },
      async (request) => getProposal(deps, requireViewer(request), ids(request.params)),
    );

    app.put(
      '/api/groups/:id/agreement/proposals/:proposalId/response',
      {
        schema: {
          tags,
          summary: 'Agree, stand aside or object (with a reason); can be changed until it closes',
          params: proposalParams,
          body: consentResponseBody,
          response: { 200: proposalDetail, ...memberErrors },
        },
      },
      async (request) =>
        respondToProposal(deps, requireViewer(request), {
          ...ids(request.params),
          ...request.body,
        }),
    );

    app.post(
      '/api/groups/:id/agreement/proposals/:proposalId/revise',
      {
        schema: {
          tags,
          summary: 'Revise your proposal: a new round, earlier responses kept for reference',
          params: proposalParams,
          body: reviseBody,
          response: { 200: proposalDetail, ...memberErrors },
        },
      },
      async (request) =>
        reviseProposal(deps, requireViewer(request), { ...ids(request.params), ...request.body }),
    );

    app.post(
      '/api/groups/:id/agreement/proposals/:proposalId/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw your proposal',
          params: proposalParams,
          response: { 200: proposalDetail, ...memberErrors },
        },
      },
      async (request) => withdrawProposal(deps, requireViewer(request), ids(request.params)),
    );

    app.post(
      '/api/groups/:id/agreement/proposals/:proposalId/close',
      {
        schema: {
          tags,
          summary: 'Close a stale proposal as not adopted (stewards)',
          params: proposalParams,
          body: closeBody,
          response: { 200: proposalDetail, ...memberErrors },
        },
      },
      async (request) =>
        closeProposal(deps, requireViewer(request), {
          ...ids(request.params),
          note: request.body.note,
        }),
    );
  };
}
