import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { formatDate } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getCalendarFeed, getEmailPreferences, makeCalendarFeed, stopCalendarFeed } from './api';
import { EmailChoices } from './EmailChoices';

/** The account page's calendar feed and email choices. */
export function CalendarAndEmail() {
  const feed = useLoad(getCalendarFeed, []);
  const email = useLoad(() => getEmailPreferences(), []);
  const [fresh, setFresh] = useState<string | null>(null);
  const make = async () => {
    const next = await makeCalendarFeed();
    feed.set(next);
    setFresh(next.url);
  };
  const stop = async () => {
    await stopCalendarFeed();
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
        {email.data ? <EmailChoices view={email.data} /> : null}
      </section>
    </>
  );
}
