import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meResponse, sessionList, signInBody, signUpBody } from '../../core/protocol/api';
import type { Deps } from '../services/deps';
import { endSession } from '../services/endSession';
import { listSessions } from '../services/listSessions';
import { signIn } from '../services/signIn';
import { signUp } from '../services/signUp';
import { errorResponses } from './errorResponses';
import { clearSessionCookie, requireViewer, setSessionCookie } from './viewer';

/** Sign up, sign in, sign out, "me", and the list of one's sessions. */
export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/signup',
      {
        schema: {
          tags: ['accounts'],
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
          tags: ['accounts'],
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
          tags: ['accounts'],
          summary: 'Sign out of this browser',
          response: { 204: z.null(), ...errorResponses(403, 415) },
        },
      },
      async (request, reply) => {
        if (request.viewer) await endSession(deps, request.viewer, request.viewer.sessionId);
        clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'The signed-in person',
          response: { 200: meResponse, ...errorResponses(401) },
        },
      },
      async (request) => {
        const viewer = requireViewer(request);
        return {
          id: viewer.userId,
          email: viewer.email,
          displayName: viewer.displayName,
          isAdmin: viewer.isAdmin,
          createdAt: viewer.createdAt,
        };
      },
    );

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags: ['accounts'],
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
          tags: ['accounts'],
          summary: 'End one of your sessions (sign out that device)',
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 204: z.null(), ...errorResponses(401, 403, 404, 415) },
        },
      },
      async (request, reply) => {
        const viewer = requireViewer(request);
        await endSession(deps, viewer, request.params.id);
        if (request.params.id === viewer.sessionId) clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );
  };
}
