import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { getMySchedule } from './api';
import { MeetingCard } from './MeetingCard';

/** The person's next meetings across their groups, with their roles, and swaps awaiting them. */
export function MyMeetings() {
  const mine = useLoad(getMySchedule, []);
  if (!mine.data) return null;
  return (
    <section aria-labelledby="my-meetings-title">
      <h2 id="my-meetings-title">{t('myRoles.title')}</h2>
      {mine.data.swaps.length > 0 ? (
        <ul class="meeting-list">
          {mine.data.swaps.map((s) => (
            <li class="card" key={s.id}>
              <a href={`/meetings/${s.meetingId}`}>
                {t('meeting.swapFor', {
                  from: s.from.displayName,
                  to: s.to.displayName,
                  role: s.roleName,
                })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {mine.data.meetings.length === 0 ? (
        <p class="empty">{t('myRoles.none')}</p>
      ) : (
        <ul class="meeting-list">
          {mine.data.meetings.slice(0, 5).map((m) => (
            <MeetingCard key={m.id} meeting={m} showGroup />
          ))}
        </ul>
      )}
    </section>
  );
}
