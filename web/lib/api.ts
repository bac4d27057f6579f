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

/**
 * Idempotency keys for creates: the same POST (same address and body) sent again before one
 * has been answered — a double click, or a retry after the connection dropped — carries the
 * same key, so the server makes one thing and answers both with it. Once answered, the next
 * identical POST is a new request with a new key.
 */
const unanswered = new Map<string, string>();

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  // Bytes (a recording's slice) go as they are; everything else as JSON.
  const bytes = body instanceof Blob ? body : null;
  const payload = method === 'GET' ? undefined : (bytes ?? JSON.stringify(body ?? {}));
  const attempt = method === 'POST' ? `${url}\n${payload}` : null;
  const key = attempt ? (unanswered.get(attempt) ?? newKey()) : null;
  if (attempt && key) unanswered.set(attempt, key);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'GET'
          ? {}
          : {
              'content-type': bytes ? bytes.type || 'application/octet-stream' : 'application/json',
            }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: payload,
    });
  } catch {
    // Not answered: a retry of this same request keeps its key.
    throw new ApiError(0, 'network', t('common.offline'));
  }
  if (attempt && response.status < 500) unanswered.delete(attempt);
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
/** Sends bytes as they are (their own media type), for the one route that takes them. */
export const putBytes = <T = void>(url: string, body: Blob) => request<T>('PUT', url, body);
export const patch = <T = void>(url: string, body?: unknown) => request<T>('PATCH', url, body);
export const del = <T = void>(url: string) => request<T>('DELETE', url);

/** The words to show for anything that went wrong: the catalogue's, whatever it was. */
export function problemText(error: unknown): string {
  return error instanceof ApiError ? error.message : t('common.unexpected');
}
