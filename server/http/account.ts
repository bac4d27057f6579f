import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeEmailBody,
  changePasswordBody,
  closeAccountBody,
  linkSent,
  meResponse,
  profileBody,
  sessionList,
  sessionParams,
} from '../../core/protocol/accounts';
import { meOf } from '../accounts/me';
import type { Deps } from '../deps';
import {
  changePassword,
  requestEmailChange,
  resendVerification,
  updateProfile,
} from '../services/accounts/changeAccount';
import { closeAccount } from '../services/accounts/closeAccount';
import { endSession } from '../services/accounts/endSession';
import { exportMyData } from '../services/accounts/exportMyData';
import { listSessions } from '../services/accounts/listSessions';
import { errorResponses } from './errorResponses';
import { clearSessionCookie, requireViewer } from './viewer';

/** The signed-in person: who they are, and where they are signed in. */
export function accountRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];
    app.get(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'The signed-in person',
          response: { 200: meResponse, ...errorResponses(401) },
        },
      },
      async (request) => meOf(requireViewer(request)),
    );

    app.patch(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'Change the name other members see',
          body: profileBody,
          response: { 200: meResponse, ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request) => updateProfile(deps, requireViewer(request), request.body),
    );

    app.put(
      '/api/me/password',
      {
        schema: {
          tags,
          summary: 'Change your password (the current one required); other sessions end',
          body: changePasswordBody,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request, reply) => {
        await changePassword(deps, requireViewer(request), request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/me/email',
      {
        schema: {
          tags,
          summary: 'Ask to use a new email address: a link goes there, a notice to the old one',
          body: changeEmailBody,
          response: { 202: linkSent, ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await requestEmailChange(deps, requireViewer(request), request.body)),
    );

    app.post(
      '/api/me/email/confirmation',
      {
        schema: {
          tags,
          summary: 'Send the link that confirms your email address again',
          response: { 202: linkSent, ...errorResponses(401, 403, 409, 415, 429) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await resendVerification(deps, requireViewer(request))),
    );

    app.get(
      '/api/me/export',
      {
        schema: {
          tags,
          summary: 'Everything Hearth holds about you, as one ZIP of JSON and CSV files',
          response: {
            200: {
              description: 'A ZIP file',
              content: { 'application/zip': { schema: z.string() } },
            },
            ...errorResponses(401, 429),
          },
        },
      },
      async (request, reply) => {
        const { fileName, stream } = await exportMyData(deps, requireViewer(request));
        return (
          reply
            .header('content-type', 'application/zip')
            .header('content-disposition', `attachment; filename="${fileName}"`)
            .header('cache-control', 'no-store')
            // A stream, not the declared string: the schema describes the file for readers.
            .send(stream as unknown as string)
        );
      },
    );

    app.post(
      '/api/me/close',
      {
        schema: {
          tags,
          summary:
            'Close your account: signed out everywhere and out of every group at once; erased after 14 days unless you sign in again',
          body: closeAccountBody,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request, reply) => {
        await closeAccount(deps, requireViewer(request), request.body);
        clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags,
          summary: 'Where you are signed in',
          response: { 200: sessionList, ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await listSessions(deps, requireViewer(request)) }),
    );

    app.delete(
      '/api/me/sessions/:id',
      {
        schema: {
          tags,
          summary: 'End one of your sessions (sign out that device, closing its live sessions)',
          params: sessionParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        const viewer = requireViewer(request);
        await endSession(deps, viewer, { sessionId: request.params.id });
        if (request.params.id === viewer.sessionId) clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );
  };
}
