/**
 * Idempotency keys for every create. A signed-in client may send `Idempotency-Key` (an id it
 * made, 8–100 letters, digits, `-` or `_`) with a POST; the same key again, with the same
 * path and body, gets the first answer back — status and JSON — instead of a second thing.
 * This is what makes a retry after a lost answer, or a double click, safe.
 *
 * The key is claimed before the route runs, so two copies arriving together cannot both
 * create: the second waits for the first answer. A refused request (4xx, 5xx) releases its
 * key, so the person can correct it and send it again. Keys are kept for a day.
 */
import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyRequest,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { AppError } from '../../core/errors';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../db/queries/idempotencyKeys';
import type { Deps } from '../deps';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_SHAPE = /^[A-Za-z0-9_-]{8,100}$/;
/** How long a second copy waits for the first one's answer. */
const WAIT_MS = 10_000;
/** Routes a key does not apply to: signing up and in answer with a session cookie. */
const EXCLUDED = new Set(['/api/auth/signup', '/api/auth/login', '/api/auth/logout']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: string; key: string } | null;
  }
}

function keyOf(request: FastifyRequest): string | null {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_SHAPE.test(value)) {
    throw new AppError(
      'request.invalid',
      'Idempotency-Key must be 8 to 100 letters, digits, "-" or "_".',
    );
  }
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('idempotency', null);

  const claim: preHandlerAsyncHookHandler = async (request, reply) => {
    if (request.method !== 'POST' || !request.viewer) return;
    const key = keyOf(request);
    if (!key) return;
    const userId = request.viewer.userId;
    const route = request.routeOptions.url ?? '';
    const requestHash = createHash('sha256')
      .update(request.url)
      .update('\n')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const claimed = await claimIdempotencyKey(deps.db, {
      user_id: userId,
      key,
      route: `${request.method} ${route}`,
      request_hash: requestHash,
      created_at: deps.now().toISOString(),
    });
    if (claimed) {
      request.idempotency = { userId, key };
      return;
    }
    const started = Date.now();
    for (;;) {
      const existing = await findIdempotencyKey(deps.db, userId, key);
      // The first copy was refused and released the key: this copy may try again.
      if (!existing) throw inProgress();
      if (existing.request_hash !== requestHash) {
        throw new AppError(
          'request.idempotency_mismatch',
          'This Idempotency-Key was used for a different request.',
        );
      }
      if (existing.status !== null) {
        return reply
          .code(existing.status)
          .header('idempotent-replay', 'true')
          .type('application/json; charset=utf-8')
          .serializer((payload: unknown) => payload as string)
          .send(existing.body ?? '');
      }
      if (Date.now() - started > WAIT_MS) throw inProgress();
      await sleep(50);
    }
  };

  const settle: onSendAsyncHookHandler = async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      await completeIdempotencyKey(deps.db, claimed.userId, claimed.key, {
        status: reply.statusCode,
        body: typeof payload === 'string' ? payload : '',
      });
    } else {
      await releaseIdempotencyKey(deps.db, claimed.userId, claimed.key);
    }
    return payload;
  };

  // Only on the API's POST routes: every other request skips both hooks. Route hooks run
  // after the app's own, so the viewer is known (registerViewer's preHandler) by then.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !route.url.startsWith('/api/') || EXCLUDED.has(route.url)) {
      return;
    }
    route.preHandler = [...asList(route.preHandler), claim];
    route.onSend = [...asList(route.onSend), settle];
  });
}

const asList = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

function inProgress(): AppError {
  return new AppError(
    'request.in_progress',
    'A request with this Idempotency-Key is still being answered; try again in a moment.',
  );
}
