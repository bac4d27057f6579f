import type { FastifyInstance } from 'fastify';
import { errorBody } from '../../core/protocol/common';

/**
 * Refusals every route of a kind can give, documented without each one having to say so:
 * a route that reads path parameters, a query or a body can refuse them with a 400 (a bad
 * value, a NUL character); a signed-in POST can refuse its Idempotency-Key.
 */
export function declareRefusals(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      | {
          params?: unknown;
          querystring?: unknown;
          body?: unknown;
          response?: object;
          hide?: boolean;
        }
      | undefined;
    if (!schema?.response || schema.hide) return;
    const reads = schema.params || schema.querystring || schema.body;
    if (reads && !(400 in schema.response)) {
      schema.response = { ...schema.response, 400: errorBody };
    }
    // A signed-in POST takes an Idempotency-Key: a copy still being answered (409) or the
    // key used for another request (422).
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('POST') && 401 in schema.response) {
      schema.response = { 409: errorBody, 422: errorBody, ...schema.response };
    }
  });
}

/** Documents the error statuses a route can answer with, all in the standard error body. */
export function errorResponses<const C extends number>(...codes: C[]): Record<C, typeof errorBody> {
  return Object.fromEntries(codes.map((code) => [code, errorBody])) as Record<C, typeof errorBody>;
}
