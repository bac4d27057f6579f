/**
 * Who is asking: reads the session cookie once per API request and puts the signed-in
 * person (or null) on `request.viewer`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors';
import { authenticateSession } from '../services/authenticateSession';
import type { Deps, Viewer } from '../services/deps';

export const SESSION_COOKIE = 'hearth_session';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export function registerViewer(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('viewer', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.viewer = await authenticateSession(deps, request.cookies[SESSION_COOKIE]);
  });
}

/** The signed-in viewer, or a 401 asking them to sign in. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('auth.required', 'Please sign in to continue.');
  return request.viewer;
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: Math.floor(deps.config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    path: '/',
  });
}
