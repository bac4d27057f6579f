import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkInbox,
  forgotBody,
  linkBody,
  linkSent,
  type Me,
  meResponse,
  resetBody,
  signInBody,
  signUpBody,
} from '../../core/protocol/accounts';
import type { Deps } from '../deps';
import { endSession } from '../services/accounts/endSession';
import { requestReset } from '../services/accounts/requestReset';
import { signIn } from '../services/accounts/signIn';
import { type SignUpResult, signUp } from '../services/accounts/signUp';
import {
  confirmEmailChange,
  resetPassword,
  verifyEmail,
} from '../services/accounts/useAccountLink';
import { errorResponses } from './errorResponses';
import { clearSessionCookie, requestContext, setDeviceCookie, setSessionCookie } from './viewer';

/** Sign-up's answer, with a password or a passkey: signed in (201), or "check your inbox" (202). */
export function answerSignUp(reply: FastifyReply, deps: Deps, result: SignUpResult) {
  if (result.kind === 'check_inbox') return reply.code(202).send(result.answer);
  setSessionCookie(reply, deps, result.token);
  return reply.code(201).send(result.me);
}

/** Sign-in's answer, with a password or a passkey: the session, and the device cookie if new. */
export function answerSignIn(
  reply: FastifyReply,
  deps: Deps,
  result: { me: Me; token: string; deviceToken: string | null },
): Me {
  setSessionCookie(reply, deps, result.token);
  setDeviceCookie(reply, deps, result.deviceToken);
  return result.me;
}

/** Signing up, in and out, and the links Hearth mails about an account. */
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];
    app.post(
      '/api/auth/signup',
      {
        schema: {
          tags,
          summary:
            'Create an account. Where Hearth sends mail, answers 202 "check your inbox" for any address; else signs in (201)',
          body: signUpBody,
          response: {
            201: meResponse,
            202: checkInbox,
            ...errorResponses(400, 403, 409, 415, 429),
          },
        },
      },
      async (request, reply) =>
        answerSignUp(reply, deps, await signUp(deps, request.body, requestContext(request))),
    );

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags,
          summary: 'Sign in',
          body: signInBody,
          response: { 200: meResponse, ...errorResponses(400, 401, 403, 415, 429) },
        },
      },
      async (request, reply) =>
        answerSignIn(reply, deps, await signIn(deps, request.body, requestContext(request))),
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags,
          summary: 'Sign out of this browser (its live sessions close too)',
          response: { 204: z.null(), ...errorResponses(403, 415) },
        },
      },
      async (request, reply) => {
        if (request.viewer) {
          await endSession(deps, request.viewer, { sessionId: request.viewer.sessionId });
        }
        clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/forgot',
      {
        schema: {
          tags,
          summary: 'Mail a link to choose a new password (the same answer for any address)',
          body: forgotBody,
          response: { 202: linkSent, ...errorResponses(400, 403, 415, 429) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await requestReset(deps, request.body, requestContext(request))),
    );

    app.post(
      '/api/auth/reset',
      {
        schema: {
          tags,
          summary:
            'Choose a new password with a mailed link; signs in and ends every other session',
          body: resetBody,
          response: { 200: meResponse, ...errorResponses(400, 403, 410, 415, 429) },
        },
      },
      async (request, reply) => {
        const { me, token } = await resetPassword(deps, request.body, requestContext(request));
        setSessionCookie(reply, deps, token);
        return me;
      },
    );

    app.post(
      '/api/auth/verify',
      {
        schema: {
          tags,
          summary: 'Confirm an email address with its mailed link, and sign in',
          body: linkBody,
          response: { 200: meResponse, ...errorResponses(400, 403, 410, 415, 429) },
        },
      },
      async (request, reply) => {
        const { me, token } = await verifyEmail(deps, request.body, requestContext(request));
        setSessionCookie(reply, deps, token);
        return me;
      },
    );

    app.post(
      '/api/auth/confirm-email',
      {
        schema: {
          tags,
          summary: 'Move an account to the new address its mailed link was sent to',
          body: linkBody,
          response: {
            200: z.object({ email: z.string() }),
            ...errorResponses(400, 403, 409, 410, 415, 429),
          },
        },
      },
      async (request) => confirmEmailChange(deps, request.body, requestContext(request)),
    );
  };
}
