import { useState } from 'preact/hooks';
import type { CalendarFeedStatus, EmailPreferencesView } from '../../../core/protocol/meetings';
import { api } from '../../app/api';
import { useAsync } from '../../components/useAsync';
import { formatDate, t } from '../../i18n/t';
import { EmailChoices } from './EmailChoices';

/** The account page's calendar feed and email choices. */
export function CalendarAndEmail() {
  const feed = useAsync(() => api<CalendarFeedStatus>('GET', '/api/me/calendar'), []);
  const email = useAsync(() => api<EmailPreferencesView>('GET', '/api/me/email-preferences'), []);
  const [fresh, setFresh] = useState<string | null>(null);
  const make = async () => {
    const next = await api<CalendarFeedStatus>('POST', '/api/me/calendar');
    feed.set(next);
    setFresh(next.url);
  };
  const stop = async () => {
    await api('DELETE', '/api/me/calendar');
    setFresh(null);
    await feed.reload();
  };
  return (
    <>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('calendar.title')}</h2>
        <p class="muted">{t('calendar.lead')}</p>
        {feed.data ? (
          <>
            <p>
              {feed.data.active && feed.data.createdAt
                ? t('calendar.on', { date: formatDate(feed.data.createdAt) })
                : t('calendar.off')}
            </p>
            {fresh ? (
              <div class="card panel">
                <label for="feed-url">{t('calendar.copy')}</label>
                <input
                  id="feed-url"
                  readOnly
                  value={fresh}
                  onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
                />
              </div>
            ) : null}
            <p class="actions">
              <button type="button" class="button secondary" onClick={() => void make()}>
                {feed.data.active ? t('calendar.remake') : t('calendar.make')}
              </button>{' '}
              {feed.data.active ? (
                <button type="button" class="button secondary" onClick={() => void stop()}>
                  {t('calendar.stop')}
                </button>
              ) : null}
            </p>
          </>
        ) : null}
      </section>
      <section aria-labelledby="email-title">
        <h2 id="email-title">{t('email.title')}</h2>
        {email.data ? (
          <EmailChoices view={email.data} endpoint="/api/me/email-preferences" />
        ) : null}
      </section>
    </>
  );
}
