import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { t } from '../../../i18n/t';
import { meetingIcsUrl } from '../api';

/** Where the meeting is: the venue and its access notes, the video call, the calendar file. */
export function Where({ m }: { m: MeetingDetail }) {
  return (
    <section aria-labelledby="where-title">
      <h2 id="where-title">{t('meeting.where')}</h2>
      {m.venue.kind !== 'online' ? (
        <p>
          {[m.venue.name, m.venue.address].filter(Boolean).join(', ')}
          {m.venue.accessNotes ? (
            <>
              <br />
              <span class="muted">{t('meeting.access', { notes: m.venue.accessNotes })}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {m.venue.kind !== 'in_person' ? (
        m.venue.onlineUrl ? (
          <p>
            <a class="button primary" href={m.venue.onlineUrl} rel="noopener noreferrer">
              {t('meeting.join')}
            </a>
          </p>
        ) : m.venue.linkLater ? (
          <p class="muted">{t('meeting.linkLater')}</p>
        ) : null
      ) : null}
      <p>
        <a class="button secondary" href={meetingIcsUrl(m.id)} download="meeting.ics">
          {t('meeting.calendar')}
        </a>
      </p>
    </section>
  );
}
