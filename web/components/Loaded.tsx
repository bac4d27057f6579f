import type { ComponentChildren } from 'preact';
import { t } from '../i18n/t';
import type { ApiError } from '../lib/api';
import type { LoadState } from '../lib/useLoad';
import { NotFound } from './NotFound';
import { Loading, Notice } from './Notice';

/**
 * The one way a page shows what it loaded: a calm "loading", the not-found page for a 404,
 * a plain message with a way to try again for anything else, and the page once it is here.
 */
export function Loaded<T>({
  state,
  failed,
  children,
}: {
  state: LoadState<T>;
  /** A page that explains its own failures (an invitation that has expired, say). */
  failed?: (error: ApiError) => ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error && failed) return <>{failed(state.error)}</>;
  if (state.error?.status === 404) return <NotFound />;
  if (state.data === undefined) {
    if (!state.error) return <Loading />;
    return (
      <Notice tone="warning">
        <p>{state.error.message}</p>
        <button type="button" class="button secondary" onClick={() => void state.reload()}>
          {t('common.retry')}
        </button>
      </Notice>
    );
  }
  return <>{children(state.data)}</>;
}
