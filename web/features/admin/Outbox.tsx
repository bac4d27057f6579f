import { useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { listOutbox, readMail, retryMail } from './api';

/** Recent mail and what happened to it; kept or failed mail can be tried again. */
export function Outbox() {
  const outbox = useLoad(listOutbox, []);
  const [opened, setOpened] = useState<Record<string, { subject: string; text: string }>>({});
  if (!outbox.data) return null;
  const o = outbox.data;
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      <p class="muted">{o.transport === 'none' ? t('outbox.leadNone') : t('outbox.leadSmtp')}</p>
      {o.transport === 'none' ? <Notice tone="warning">{t('outbox.noMailSignUp')}</Notice> : null}
      {o.items.length === 0 ? (
        <p class="empty">{t('outbox.none')}</p>
      ) : (
        <ul class="outbox">
          {o.items.map((m) => (
            <li class="card" key={m.id}>
              <details>
                <summary>
                  <span class={`badge mail-${m.status}`}>{t(`outbox.status.${m.status}`)}</span>{' '}
                  {opened[m.id]?.subject ?? m.subject ?? t('outbox.aboutGroup', { kind: m.kind })} —{' '}
                  {m.to}
                </summary>
                <p class="muted small">
                  {formatDateTime(m.createdAt)}
                  {m.lastError ? ` · ${m.lastError}` : ''}
                </p>
                {m.text !== null || opened[m.id] ? (
                  <pre class="mail-text">{opened[m.id]?.text ?? m.text}</pre>
                ) : (
                  <p>
                    <span class="muted small">{t('outbox.groupHidden')}</span>{' '}
                    <button
                      type="button"
                      class="button secondary small"
                      onClick={async () => {
                        const mail = await readMail(m.id);
                        setOpened((all) => ({ ...all, [m.id]: mail }));
                      }}
                    >
                      {t('outbox.open')}
                    </button>
                  </p>
                )}
              </details>
              {m.status === 'held' || m.status === 'failed' ? (
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() => void retryMail(m.id).then(outbox.reload)}
                >
                  {t('outbox.retry')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
