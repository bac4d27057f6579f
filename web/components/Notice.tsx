import type { ComponentChildren } from 'preact';
import { t } from '../i18n/t';

/** A calm message about something that happened: announced, never flashing. */
export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice ${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
