import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  emailPreferencesBody,
  emailPreferencesView,
  preferencesParams,
} from '../../core/protocol/mail';
import type { Deps } from '../deps';
import {
  getEmailPreferencesByToken,
  getMyEmailPreferences,
  replaceLinksByToken,
  setEmailPreferencesByToken,
  setMyEmailPreferences,
  unsubscribeByToken,
} from '../services/mail/emailPreferences';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Which emails a person gets: from their account, or from the link in any mail. */
export function emailPreferenceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['mail'];
    const errors = errorResponses(400, 401, 403, 404, 415);

    app.get(
      '/api/me/email-preferences',
      {
        schema: {
          tags,
          summary: 'Which emails you get',
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => getMyEmailPreferences(deps, requireViewer(request)),
    );

    app.put(
      '/api/me/email-preferences',
      {
        schema: {
          tags,
          summary: 'Choose which emails you get',
          body: emailPreferencesBody,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => setMyEmailPreferences(deps, requireViewer(request), request.body),
    );

    app.get(
      '/api/email-preferences/:token',
      {
        schema: {
          tags,
          summary: 'Which emails someone gets, from the link in a mail (no sign-in)',
          params: preferencesParams,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => getEmailPreferencesByToken(deps, request.params),
    );

    app.put(
      '/api/email-preferences/:token',
      {
        schema: {
          tags,
          summary: 'Change which emails someone gets, from the link in a mail (no sign-in)',
          params: preferencesParams,
          body: emailPreferencesBody,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) =>
        setEmailPreferencesByToken(deps, { token: request.params.token, ...request.body }),
    );

    app.post(
      '/api/email-preferences/:token/unsubscribe',
      {
        schema: {
          tags,
          summary:
            'One-click unsubscribe (RFC 8058) from a mail’s List-Unsubscribe header: every optional mail off',
          description:
            'Mail clients send this with the form body List-Unsubscribe=One-Click; a JSON body is accepted too.',
          params: preferencesParams,
          response: { 204: z.null(), ...errorResponses(400, 404, 415) },
        },
      },
      async (request, reply) => {
        await unsubscribeByToken(deps, request.params);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/email-preferences/:token/replace',
      {
        schema: {
          tags,
          summary:
            'Stop this link and every other email-choices link already mailed; the next mail carries a new one',
          params: preferencesParams,
          response: { 204: z.null(), ...errorResponses(400, 404, 415) },
        },
      },
      async (request, reply) => {
        await replaceLinksByToken(deps, request.params);
        return reply.code(204).send(null);
      },
    );
  };
}
