/**
 * Every error a person can meet is a value with a stable code. The server maps codes to HTTP
 * statuses in one place (server/http/errors.ts) and sends its own plain sentence for API
 * clients; the web app shows the catalogue's words for the code (web/i18n/en.ts), filled in
 * from `params`. A problem with one field names the field and has a code of its own.
 */
export const ERROR_CODES = [
  'request.invalid',
  'request.content_type',
  'request.origin',
  'request.too_large',
  'request.idempotency_mismatch',
  'request.in_progress',
  'auth.required',
  'auth.invalid_credentials',
  'auth.email_taken',
  'auth.common_password',
  'auth.rate_limited',
  'auth.link_invalid',
  'auth.unconfirmed',
  'auth.wrong_password',
  'auth.same_email',
  'auth.already_confirmed',
  'auth.passkey_failed',
  'auth.confirm_needed',
  'passkey.last',
  'forbidden',
  'not_found',
  'group.full',
  'group.already_member',
  'group.not_member',
  'group.last_steward',
  'group.by_application',
  'group.by_invitation',
  'group.open_to_join',
  'group.steward_demotion',
  'group.adjourned',
  'group.stage',
  'group.others_remain',
  'agreement.none',
  'agreement.stale',
  'proposal.closed',
  'meeting.closed',
  'reflection.not_there',
  'schedule.duplicate',
  'swap.closed',
  'application.closed',
  'application.exists',
  'decision.closed',
  'decision.open',
  'purpose.not_asking',
  'waitlist.no_offer',
  'waitlist.not_on',
  'invite.expired',
  'invite.revoked',
  'invite.used_up',
  'invite.other_address',
  'space.post_gone',
  'space.not_hidden',
  'space.not_a_reply',
  'recording.not_yours',
  'recording.not_recorded',
  'recording.erased',
  'recording.expired',
  'recording.slice_conflict',
  'recording.empty',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What can be wrong with one field. The first seven come from validating a request against
 * its schema; the rest from rules a service checks.
 */
export const FIELD_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid',
  'not_accepted',
  'email',
  'password_common',
  'password_wrong',
  'same_email',
  'email_taken',
  'size_above_deployment',
  'size_below_members',
  'plan_in_review',
  'objection_needs_reason',
  'schedule_in_past',
  'schedule_rule',
  'schedule_end',
  'schedule_end_before_start',
  'schedule_count_or_end',
  'schedule_too_many',
  'time_passed',
  'not_a_member',
  'choose_someone_else',
  'role_name_taken',
  'role_limit',
  'role_unknown',
  'item_missing',
  'revise_same_kind',
  'answer_required',
  'answer_too_long',
  'answer_choice',
  'meeting_observer_only',
  'meeting_not_in_group',
  'meeting_over',
] as const;

export type FieldCode = (typeof FIELD_CODES)[number];

/** Values a message is filled in with ("at most {max} people"). */
export type ErrorParams = Record<string, string | number>;

export interface FieldProblem {
  code: FieldCode;
  /** The server's sentence, for API clients. */
  message: string;
  params?: ErrorParams;
}

/** Problems per field, keyed by the field's name (dotted for nested fields). */
export type FieldProblems = Record<string, FieldProblem>;

/** Words to show per field, keyed the same way: what a form displays. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblems | undefined;
  readonly params: ErrorParams | undefined;
  /** Seconds to wait before trying again, for `auth.rate_limited`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldProblems; params?: ErrorParams; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.params = options.params;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A 400 about one field: the field's problem is also the error's message. */
export function fieldError(
  field: string,
  code: FieldCode,
  message: string,
  params?: ErrorParams,
): AppError {
  return new AppError('request.invalid', message, {
    fields: { [field]: { code, message, ...(params ? { params } : {}) } },
    ...(params ? { params } : {}),
  });
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    params?: ErrorParams;
    fields?: FieldProblems;
  };
}
