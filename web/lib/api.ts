/**
 * Talks to Hearth's JSON API. Every failure becomes an ApiError whose message and field
 * messages are the catalogue's words for the server's codes (web/i18n/errors.ts), or a
 * friendly "could not reach" when offline. Each feature keeps its calls in its own typed
 * `api.ts`, built from `get`, `post`, `put`, `patch`, `del` and the `path` template, which
 * escapes every value put into a URL.
 */
import type { ErrorBody, ErrorCode, ErrorParams, FieldErrors } from '../../core/errors';
import { errorText, fieldText } from '../i18n/errors';
import { t } from '../i18n/t';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: FieldErrors = {},
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

/** A URL with every interpolated value escaped: path`/api/groups/${id}/agreement`. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (url, piece, i) =>
      url + piece + (i < values.length ? encodeURIComponent(values[i] as string | number) : ''),
    '',
  );
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'network', t('common.offline'));
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    const code = error?.code ?? 'internal';
    const fields: FieldErrors = {};
    for (const [name, problem] of Object.entries(error?.fields ?? {})) {
      fields[name] = fieldText(problem);
    }
    throw new ApiError(
      response.status,
      code,
      errorText(code, error?.params ?? {}),
      fields,
      error?.params ?? {},
    );
  }
  return data as T;
}

export const get = <T>(url: string) => request<T>('GET', url);
export const post = <T = void>(url: string, body?: unknown) => request<T>('POST', url, body);
export const put = <T = void>(url: string, body?: unknown) => request<T>('PUT', url, body);
export const patch = <T = void>(url: string, body?: unknown) => request<T>('PATCH', url, body);
export const del = <T = void>(url: string) => request<T>('DELETE', url);

/** The words to show for anything that went wrong: the catalogue's, whatever it was. */
export function problemText(error: unknown): string {
  return error instanceof ApiError ? error.message : t('common.unexpected');
}
