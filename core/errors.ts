/**
 * Every error a person can meet is a value with a stable code and a plain message.
 * The server maps codes to HTTP statuses in one place (server/http/errors.ts);
 * the web app shows `message` as it is.
 */
export const ERROR_CODES = [
  'request.invalid',
  'request.content_type',
  'request.origin',
  'request.too_large',
  'auth.required',
  'auth.invalid_credentials',
  'auth.email_taken',
  'auth.common_password',
  'auth.rate_limited',
  'forbidden',
  'not_found',
  'group.full',
  'group.already_member',
  'group.not_member',
  'group.last_steward',
  'agreement.none',
  'agreement.stale',
  'proposal.closed',
  'meeting.closed',
  'swap.closed',
  'group.adjourned',
  'group.stage',
  'application.closed',
  'application.exists',
  'decision.closed',
  'decision.open',
  'purpose.not_asking',
  'waitlist.no_offer',
  'invite.expired',
  'invite.revoked',
  'invite.used_up',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Messages per field, keyed by the field's name (dotted for nested fields). */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  /** Seconds to wait before trying again, for `auth.rate_limited`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}
