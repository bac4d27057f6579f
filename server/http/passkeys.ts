import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ceremony,
  checkInbox,
  meResponse,
  passkeyAssertBody,
  passkeyList,
  passkeyParams,
  passkeyRegisterBody,
  passkeySignUpBody,
} from '../../core/protocol/accounts';
import type { Deps } from '../deps';
import {
  addPasskey,
  confirmOptions,
  confirmWithPasskey,
  listPasskeys,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  passkeySignUpOptions,
  removePasskey,
  signInWithPasskey,
  signUpWithPasskey,
} from '../services/accounts/passkeys';
import { answerSignIn, answerSignUp } from './auth';
import { errorResponses } from './errorResponses';
import { requestContext, requireViewer } from './viewer';

/** Passkeys: signing up and in with one, keeping them, and confirming it is you with one. */
export function passkeyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];

    app.post(
      '/api/auth/passkey/signup-options',
      {
        schema: {
          tags,
          summary: 'Begin signing up with a passkey (no password)',
          body: passkeySignUpBody,
          response: { 200: ceremony, ...errorResponses(400, 403, 415, 429) },
        },
      },
      async (request) => passkeySignUpOptions(deps, request.body, requestContext(request)),
    );

    app.post(
      '/api/auth/passkey/signup',
      {
        schema: {
          tags,
          summary:
            'Finish signing up with a passkey: answers as sign-up does (202 "check your inbox" where Hearth sends mail)',
          body: passkeyRegisterBody,
          response: {
            201: meResponse,
            202: checkInbox,
            ...errorResponses(400, 403, 409, 415, 429),
          },
        },
      },
      async (request, reply) =>
        answerSignUp(
          reply,
          deps,
          await signUpWithPasskey(deps, request.body, requestContext(request)),
        ),
    );

    app.post(
      '/api/auth/passkey/signin-options',
      {
        schema: {
          tags,
          summary: 'Begin signing in with a passkey',
          response: { 200: ceremony, ...errorResponses(403, 415, 429) },
        },
      },
      async (request) => passkeySignInOptions(deps, requestContext(request)),
    );

    app.post(
      '/api/auth/passkey/signin',
      {
        schema: {
          tags,
          summary: 'Sign in with a passkey',
          body: passkeyAssertBody,
          response: { 200: meResponse, ...errorResponses(400, 403, 415, 429) },
        },
      },
      async (request, reply) =>
        answerSignIn(
          reply,
          deps,
          await signInWithPasskey(deps, request.body, requestContext(request)),
        ),
    );

    app.get(
      '/api/me/passkeys',
      {
        schema: {
          tags,
          summary: 'Your passkeys, and whether you have a password',
          response: { 200: passkeyList, ...errorResponses(401) },
        },
      },
      async (request) => listPasskeys(deps, requireViewer(request)),
    );

    app.post(
      '/api/me/passkeys/options',
      {
        schema: {
          tags,
          summary: 'Begin adding a passkey',
          response: { 200: ceremony, ...errorResponses(401, 403, 415, 429) },
        },
      },
      async (request) => passkeyRegistrationOptions(deps, requireViewer(request)),
    );

    app.post(
      '/api/me/passkeys',
      {
        schema: {
          tags,
          summary: 'Add a passkey',
          body: passkeyRegisterBody,
          response: { 201: passkeyList, ...errorResponses(400, 401, 403, 409, 415, 429) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addPasskey(deps, requireViewer(request), request.body)),
    );

    app.delete(
      '/api/me/passkeys/:id',
      {
        schema: {
          tags,
          summary: 'Remove a passkey (never your last way in)',
          params: passkeyParams,
          response: { 200: passkeyList, ...errorResponses(400, 401, 403, 404, 409, 415, 429) },
        },
      },
      async (request) => removePasskey(deps, requireViewer(request), request.params),
    );

    app.post(
      '/api/me/confirm/options',
      {
        schema: {
          tags,
          summary: 'Begin confirming it is you with a passkey, before a sensitive change',
          response: { 200: ceremony, ...errorResponses(401, 403, 415, 429) },
        },
      },
      async (request) => confirmOptions(deps, requireViewer(request)),
    );

    app.post(
      '/api/me/confirm',
      {
        schema: {
          tags,
          summary: 'Confirm it is you with a passkey: changes that need it are open for minutes',
          body: passkeyAssertBody,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request, reply) => {
        await confirmWithPasskey(deps, requireViewer(request), request.body);
        return reply.code(204).send(null);
      },
    );
  };
}
