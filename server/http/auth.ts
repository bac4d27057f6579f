import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meResponse, signInBody, signUpBody } from '../../core/protocol/accounts';
import type { Deps } from '../deps';
import { endSession } from '../services/accounts/endSession';
import { signIn } from '../services/accounts/signIn';
import { signUp } from '../services/accounts/signUp';
import { errorResponses } from './errorResponses';
import { clearSessionCookie, setSessionCookie } from './viewer';

/** Signing up, in and out. */
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];
    app.post(
      '/api/auth/signup',
      {
        schema: {
          tags,
          summary: 'Create an account and sign in',
          body: signUpBody,
          response: { 201: meResponse, ...errorResponses(400, 403, 409, 415, 429) },
        },
      },
      async (request, reply) => {
        const { me, token } = await signUp(deps, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        setSessionCookie(reply, deps, token);
        return reply.code(201).send(me);
      },
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
      async (request, reply) => {
        const { me, token } = await signIn(deps, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        setSessionCookie(reply, deps, token);
        return me;
      },
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
  };
}
