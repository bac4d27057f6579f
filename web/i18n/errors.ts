/**
 * The catalogue's words for the server's error codes: what the web app shows instead of the
 * server's own sentence (which stays for API clients). A code with a `why` (such as
 * `meeting.closed` because it was cancelled) has words of its own where the catalogue has
 * them.
 */
import type { ErrorCode, ErrorParams, FieldProblem } from '../../core/errors';
import { en, type MessageKey } from './en';
import { t } from './t';

const has = (key: string): key is MessageKey => key in en;

export function errorText(code: ErrorCode | 'network', params: ErrorParams = {}): string {
  if (code === 'network') return t('common.offline');
  const specific = params.why === undefined ? null : `error.${code}.${params.why}`;
  return specific && has(specific) ? t(specific, params) : t(`error.${code}`, params);
}

export function fieldText(problem: FieldProblem): string {
  const params = problem.params ?? {};
  const specific = params.problem === undefined ? null : `field.${problem.code}.${params.problem}`;
  return specific && has(specific) ? t(specific, params) : t(`field.${problem.code}`, params);
}
