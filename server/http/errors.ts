/**
 * The one place error codes become HTTP statuses, and any error becomes the standard body
 * `{ error: { code, message, fields? } }`. Nothing else leaves: no stack traces, no SQL.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  type ErrorBody,
  type ErrorCode,
  type FieldProblem,
  type FieldProblems,
} from '../../core/errors';

export const STATUS_OF: Record<ErrorCode, number> = {
  'request.invalid': 400,
  'request.content_type': 415,
  'request.origin': 403,
  'request.too_large': 413,
  'request.idempotency_mismatch': 422,
  'request.in_progress': 409,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.email_taken': 409,
  'auth.common_password': 400,
  'auth.rate_limited': 429,
  'auth.link_invalid': 410,
  'auth.unconfirmed': 403,
  'auth.wrong_password': 400,
  'auth.same_email': 400,
  'auth.already_confirmed': 409,
  'auth.passkey_failed': 400,
  'auth.confirm_needed': 400,
  'passkey.last': 409,
  forbidden: 403,
  not_found: 404,
  'group.full': 409,
  'group.already_member': 409,
  'group.not_member': 404,
  'group.last_steward': 409,
  'group.by_application': 403,
  'group.by_invitation': 403,
  'group.open_to_join': 403,
  'group.steward_demotion': 403,
  'group.adjourned': 409,
  'group.stage': 409,
  'group.others_remain': 409,
  'agreement.none': 409,
  'agreement.stale': 409,
  'proposal.closed': 409,
  'meeting.closed': 409,
  'reflection.not_there': 409,
  'schedule.duplicate': 409,
  'swap.closed': 409,
  'application.closed': 409,
  'application.exists': 409,
  'decision.closed': 409,
  'decision.open': 409,
  'purpose.not_asking': 409,
  'waitlist.no_offer': 409,
  'waitlist.not_on': 404,
  'invite.expired': 410,
  'invite.revoked': 410,
  'invite.used_up': 410,
  'invite.other_address': 403,
  'space.post_gone': 409,
  'space.not_hidden': 409,
  'space.not_a_reply': 409,
  'recording.not_yours': 403,
  'recording.not_recorded': 403,
  'recording.erased': 410,
  'recording.expired': 410,
  'recording.slice_conflict': 409,
  'recording.empty': 400,
  internal: 500,
};

const INVALID_MESSAGE = 'Some of what was sent needs another look.';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params: {
    keys?: string[];
    input?: unknown;
    expected?: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    format?: string;
  };
}

const NOT_ACCEPTED = 'This field is not accepted here.';
const REQUIRED = 'This is required.';
const WHOLE_NUMBER = 'This needs to be a whole number.';
const WRONG_KIND = 'This is not the kind of value expected here.';

/** One validation issue as a field problem: a code the web app words, and the sentence. */
function problemOf(issue: ValidationIssue): FieldProblem {
  const { params } = issue;
  const message = issue.message;
  switch (issue.keyword) {
    case 'invalid_type': {
      // zod's own words end with what it was given: nothing at all is a missing field; a
      // value of another kind (text for a number, 1.5 for a whole number) is invalid.
      const zodWords = message.startsWith('Invalid input');
      if (!zodWords || message.endsWith('received undefined')) {
        return { code: 'required', message: zodWords ? REQUIRED : message };
      }
      return { code: 'invalid', message: params.expected === 'int' ? WHOLE_NUMBER : WRONG_KIND };
    }
    case 'too_small': {
      const min = Number(params.minimum);
      if (params.origin === 'string') {
        return min <= 1
          ? { code: 'required', message }
          : { code: 'too_short', message, params: { min } };
      }
      return { code: 'too_small', message, params: { min } };
    }
    case 'too_big': {
      const max = Number(params.maximum);
      return params.origin === 'string'
        ? { code: 'too_long', message, params: { max } }
        : { code: 'too_big', message, params: { max } };
    }
    case 'invalid_format':
      return params.format === 'email' ? { code: 'email', message } : { code: 'invalid', message };
    default:
      return { code: 'invalid', message };
  }
}

/** Turns zod issues into one problem per field (the first found for each). */
function fieldsFrom(issues: ValidationIssue[]): FieldProblems {
  const fields: FieldProblems = {};
  for (const issue of issues) {
    if (issue.keyword === 'unrecognized_keys') {
      for (const key of issue.params.keys ?? []) {
        fields[key] ??= { code: 'not_accepted', message: NOT_ACCEPTED };
      }
      continue;
    }
    const name = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
    fields[name] ??= problemOf(issue);
  }
  return fields;
}

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation as unknown as ValidationIssue[];
    const where = error.validationContext;
    if (
      where === 'body' &&
      issues.some((i) => i.instancePath === '/' && i.keyword === 'invalid_type')
    ) {
      return new AppError('request.invalid', 'Send a JSON object.');
    }
    return new AppError('request.invalid', INVALID_MESSAGE, { fields: fieldsFrom(issues) });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.content_type', 'Send the request body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', 'That is more than Hearth accepts in one request.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.invalid', 'Send a JSON object.');
  }
  if (error.statusCode === 400 || (error as { type?: string }).type === 'entity.parse.failed') {
    return new AppError('request.invalid', 'The request body is not valid JSON.');
  }
  if (error.statusCode === 404) return new AppError('not_found', 'There is nothing here.');
  if (error.statusCode === 413) {
    return new AppError('request.too_large', 'That is more than Hearth accepts in one request.');
  }
  if (error.statusCode === 415) {
    return new AppError('request.content_type', 'Send the request body as application/json.');
  }
  return null;
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.params ? { params: error.params } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
}

/**
 * Errors the router raises before any route or hook runs (a bad `%` escape, a path parameter
 * over the length limit): the standard body, and for a WebSocket upgrade the socket is closed
 * once answered — nothing else owns it, so it would otherwise stay open for ever.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const raw = request.raw;
  if (raw.headers.upgrade !== undefined) {
    const socket = raw.socket;
    reply.raw.once('finish', () => socket.destroy());
    reply.raw.once('close', () => socket.destroy());
  }
  const known =
    error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('request.invalid', 'This address is not valid.')
      : new AppError('internal', 'Something went wrong on our side. Please try again in a moment.');
  if (known.code === 'internal') request.log.error({ err: error }, 'request failed');
  void reply.code(STATUS_OF[known.code]).type('application/json').send(errorBody(known));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error);
    if (!known || known.code === 'internal') {
      request.log.error({ err: error }, 'request failed');
      const internal = new AppError(
        'internal',
        'Something went wrong on our side. Please try again in a moment.',
      );
      return reply.code(500).type('application/json').send(errorBody(internal));
    }
    if (known.retryAfterSeconds) reply.header('retry-after', String(known.retryAfterSeconds));
    return reply.code(STATUS_OF[known.code]).type('application/json').send(errorBody(known));
  });
}
