/**
 * The OpenAPI document, from the routes' zod schemas: shared shapes as components (each
 * `.meta({ id })`), the session cookie as the security scheme, an operationId per operation,
 * and for each route whether it needs the session (it declares a 401), accepts it, or not.
 */
import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { API_VERSION } from '../../core/protocol/common';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_SHAPE } from './idempotency';
import { SESSION_COOKIE } from './viewer';

/** `POST /api/groups/:id/meetings` → `postGroupsByIdMeetings`: stable and unique. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      segment.startsWith(':') ? `by-${segment.slice(1)}` : segment.replace(/\.\w+$/, ''),
    )
    .join('-')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  const cased = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
  return `${method.toLowerCase()}${cased}`;
}

const transform: SwaggerTransform = (input) => {
  const { schema, url } = jsonSchemaTransform(input) as {
    schema: Record<string, unknown>;
    url: string;
  };
  if (!schema || schema.hide) return { schema, url };
  const method = Array.isArray(input.route.method) ? input.route.method[0] : input.route.method;
  const responses = (schema.response ?? {}) as Record<string, unknown>;
  const needsSession = '401' in responses;
  // Creates take an Idempotency-Key (see idempotency.ts).
  const headers =
    String(method) === 'POST' && needsSession
      ? {
          type: 'object',
          properties: {
            [IDEMPOTENCY_HEADER]: {
              type: 'string',
              pattern: IDEMPOTENCY_KEY_SHAPE.source,
              description:
                'An id the client makes for this request; sending it again returns the first answer instead of making a second thing.',
            },
          },
        }
      : schema.headers;
  // A body of raw bytes (a recording's slice) is documented by its media types alone.
  const bytes =
    Array.isArray(schema.consumes) && !schema.body
      ? { body: { type: 'string', format: 'binary', description: 'The bytes, as recorded.' } }
      : {};
  return {
    schema: {
      ...schema,
      ...bytes,
      ...(headers ? { headers } : {}),
      operationId: operationIdOf(String(method), url),
      // Signed in, or the session is optional (the answer may say more to a member).
      security: needsSession ? [{ session: [] }] : [{}, { session: [] }],
    },
    url,
  };
};

export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Set by POST /api/auth/login or /api/auth/signup.',
        },
      },
    },
    info: {
      title: 'Hearth API',
      version: API_VERSION,
      description:
        'JSON API of Hearth. Sign in with POST /api/auth/login; the session cookie authenticates later calls. Requests that change anything must send JSON (application/json) and, from a browser, come from Hearth’s own origin. Errors are { error: { code, message, fields? } }.',
    },
  },
  transform,
  // Without it every $ref points into an empty components.schemas.
  transformObject: jsonSchemaTransformObject,
};
