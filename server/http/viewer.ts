/**
 * Who is asking: reads the session cookie once per API request and puts the signed-in
 * person (or null) on `request.viewer`.
 */

import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors';
import type { Viewer } from '../access/viewer';
import type { Deps } from '../deps';
import { authenticateSession } from '../services/accounts/authenticateSession';

export const SESSION_COOKIE = 'hearth_session';
/** Marks a browser that has signed in before, so a stranger's failures never lock it out. */
export const DEVICE_COOKIE = 'hearth_device';
/** The longest a browser keeps a cookie (Chromium's cap): about 400 days. */
const DEVICE_COOKIE_SECONDS = 400 * 86_400;

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export function registerViewer(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('viewer', null);
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const header = request.headers.cookie;
    const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
    const viewer = authenticateSession(deps, token);
    if (!(viewer instanceof Promise)) {
      request.viewer = viewer;
      return done();
    }
    viewer.then((found) => {
      request.viewer = found;
      done();
    }, done);
  });
}

/** The signed-in viewer, or a 401 asking them to sign in. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('auth.required', 'Please sign in to continue.');
  return request.viewer;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https, for the whole site. */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.header(
    'set-cookie',
    sessionCookie(deps, token, Math.floor(deps.config.session.absoluteMs / 1000)),
  );
}

/** Where the request comes from, for sign-in: its network and its device cookie. */
export function requestContext(request: FastifyRequest) {
  const header = request.headers.cookie;
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    deviceToken: header ? parseCookie(header)[DEVICE_COOKIE] : undefined,
  };
}

/** Gives the browser its device cookie at its first successful sign-in. */
export function setDeviceCookie(reply: FastifyReply, deps: Deps, token: string | null): void {
  if (!token) return;
  reply.header(
    'set-cookie',
    serializeCookie(DEVICE_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      path: '/api/auth',
      maxAge: DEVICE_COOKIE_SECONDS,
    }),
  );
}

/** Ends the session cookie in the browser. */
export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.header('set-cookie', sessionCookie(deps, '', 0));
}

function sessionCookie(deps: Deps, value: string, maxAge: number): string {
  return serializeCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge,
    ...(maxAge === 0 ? { expires: new Date(0) } : {}),
  });
}
