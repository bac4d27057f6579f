import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  emailPreferences,
  emailPreferencesView,
  preferencesParams,
} from '../../core/protocol/mail';
import type { Deps } from '../deps';
import {
  getEmailPreferencesByToken,
  getMyEmailPreferences,
  setEmailPreferencesByToken,
  setMyEmailPreferences,
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
          body: emailPreferences,
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
          body: emailPreferences,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) =>
        setEmailPreferencesByToken(deps, { token: request.params.token, ...request.body }),
    );
  };
}
