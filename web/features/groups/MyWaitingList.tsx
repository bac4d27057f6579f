import { t } from '../../i18n/t';
import { formatDate, formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { myWaiting } from './api';

/** On "My groups": where the person is waiting to get in, so they never lose track. */
export function MyWaitingList() {
  const waiting = useLoad(myWaiting, []);
  const w = waiting.data;
  if (!w || (w.applications.length === 0 && w.waitlists.length === 0)) return null;
  return (
    <section aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('waiting.title')}</h2>
      <ul class="cards">
        {w.waitlists.map((entry) => (
          <li key={entry.groupId} class="card group-card">
            <a href={`/groups/${entry.groupId}/join`}>{entry.groupName}</a>
            <p class={entry.offerExpiresAt ? 'status-line' : 'small'}>
              {entry.offerExpiresAt
                ? t('waiting.offered', { until: formatDateTime(entry.offerExpiresAt) })
                : t('waiting.position', { position: entry.position })}
            </p>
          </li>
        ))}
        {w.applications.map((app) => (
          <li key={app.id} class="card group-card">
            <a href={`/groups/${app.groupId}/join`}>{app.groupName}</a>
            <p class="small">{t('waiting.applied', { date: formatDate(app.createdAt) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
