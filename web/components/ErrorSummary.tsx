import { useEffect, useRef } from 'preact/hooks';
import type { FieldErrors } from '../../core/errors';
import { t } from '../i18n/t';

/**
 * The problem with a form, at its top: focused when it appears, with links that take the
 * person to each field that needs attention.
 */
export function ErrorSummary({
  message,
  fields = {},
  labels = {},
}: {
  message: string | null;
  fields?: FieldErrors;
  labels?: Record<string, string>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message, fields]);
  if (!message) return null;
  const entries = Object.entries(fields).filter(([name]) => labels[name]);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{t('common.errorTitle')}</h2>
      <p>{message}</p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, text]) => (
            <li key={name}>
              <a href={`#${name}`}>
                {labels[name]}: {text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
