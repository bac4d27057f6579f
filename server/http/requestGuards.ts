/**
 * Guards every API request: state-changing requests must come from Hearth's own pages
 * (Origin, when a browser sends it) and carry JSON (so an HTML form elsewhere cannot post
 * to us).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../../core/errors';
import { NUL_MESSAGE, nulPath } from '../../core/protocol/nul';
import { SLICE_TYPES } from '../../core/protocol/recordings';
import type { Config } from '../config';
import { isApiPath } from './securityHeaders';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** RFC 8058 one-click unsubscribe: mail clients POST a form, from no origin of ours. */
const ONE_CLICK = /^\/api\/email-preferences\/[^/?]+\/unsubscribe(\?|$)/;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
/** A slice of a recording is the one body that is not JSON: the bytes a device recorded. */
const RECORDING_SLICE =
  /^\/api\/meetings\/[^/?]+\/recordings\/[^/?]+\/tracks\/[^/?]+\/slices\/[^/?]+(\?|$)/;

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

export function registerRequestGuards(app: FastifyInstance, config: Config): void {
  const publicOrigin = new URL(config.publicUrl).origin;

  // JSON only, and an empty JSON body counts as `{}` (a DELETE or logout has nothing to say).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      const parsed: unknown = JSON.parse(text);
      const nul = nulPath(parsed);
      if (nul) return done(fieldError(nul, 'invalid', NUL_MESSAGE), undefined);
      done(null, parsed);
    } catch {
      done(new AppError('request.invalid', 'The request body is not valid JSON.'), undefined);
    }
  });

  // Path parameters and the query are decoded by now; a body was checked as it was parsed.
  app.addHook('preValidation', (request, _reply, done) => {
    const nul = nulPath(request.params) ?? nulPath(request.query);
    done(nul ? fieldError(nul, 'invalid', NUL_MESSAGE) : undefined);
  });

  // Raw bytes, for a recording's slices only (the guard below lets them in nowhere else).
  app.addContentTypeParser([...SLICE_TYPES], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  // Only the one-click unsubscribe takes a form body, and it reads nothing from it.
  app.addContentTypeParser(FORM_TYPES, { parseAs: 'string' }, (_request, _body, done) =>
    done(null, {}),
  );

  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !isApiPath(request.url)) return done();
    if (ONE_CLICK.test(request.url) && request.method === 'POST') {
      const type = String(request.headers['content-type'] ?? '');
      if (type === '' || isJson(request) || FORM_TYPES.some((t) => type.startsWith(t))) {
        return done();
      }
    }
    const origin = request.headers.origin;
    const slice =
      request.method === 'PUT' &&
      RECORDING_SLICE.test(request.url) &&
      SLICE_TYPES.some((t) => String(request.headers['content-type'] ?? '').startsWith(t));
    const sameOrigin =
      origin === publicOrigin || origin === `${request.protocol}://${request.host}`;
    if (origin !== undefined && !sameOrigin) {
      return done(
        new AppError(
          'request.origin',
          'This request came from another site, so Hearth refused it.',
        ),
      );
    }
    if (slice) return done();
    if (request.headers['content-type'] !== undefined ? !isJson(request) : hasBody(request)) {
      return done(
        new AppError('request.content_type', 'Send the request body as application/json.'),
      );
    }
    done();
  });
}
