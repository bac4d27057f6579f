/**
 * The one place error codes become HTTP statuses, and any error becomes the standard body
 * `{ error: { code, message, fields? } }`. Nothing else leaves: no stack traces, no SQL.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode, type FieldErrors } from '../../core/errors';

export const STATUS_OF: Record<ErrorCode, number> = {
  'request.invalid': 400,
  'request.content_type': 415,
  'request.origin': 403,
  'request.too_large': 413,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.email_taken': 409,
  'auth.common_password': 400,
  'auth.rate_limited': 429,
  forbidden: 403,
  not_found: 404,
  'group.full': 409,
  'group.already_member': 409,
  'group.not_member': 404,
  'group.last_steward': 409,
  'agreement.none': 409,
  'agreement.stale': 409,
  'proposal.closed': 409,
  'meeting.closed': 409,
  'swap.closed': 409,
  'group.adjourned': 409,
  'group.stage': 409,
  'application.closed': 409,
  'application.exists': 409,
  'decision.closed': 409,
  'decision.open': 409,
  'purpose.not_asking': 409,
  'waitlist.no_offer': 409,
  'invite.expired': 410,
  'invite.revoked': 410,
  'invite.used_up': 410,
  internal: 500,
};

const INVALID_MESSAGE = 'Some of what was sent needs another look.';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params: { keys?: string[]; input?: unknown };
}

/** Turns zod issues into one friendly message per field. */
function fieldsFrom(issues: ValidationIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    if (issue.keyword === 'unrecognized_keys') {
      for (const key of issue.params.keys ?? []) fields[key] ??= 'This field is not accepted here.';
      continue;
    }
    const name = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
    const missing = issue.keyword === 'invalid_type' && issue.params.input === undefined;
    fields[name] ??=
      missing && issue.message.startsWith('Invalid input') ? 'This is required.' : issue.message;
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
      ...(error.fields ? { fields: error.fields } : {}),
    },
  };
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
