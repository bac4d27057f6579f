import type { MeetingSummary } from '../../../core/protocol/meetings';
import { t } from '../../i18n/t';
import { formatMeeting } from '../../lib/time';

/** One meeting in a list: when, where, its state, and the viewer's roles and answer. */
export function MeetingCard({
  meeting,
  showGroup,
}: {
  meeting: MeetingSummary;
  showGroup?: boolean;
}) {
  const cancelled = meeting.status === 'cancelled';
  return (
    <li class={`card meeting-card${cancelled ? ' cancelled' : ''}`}>
      <a href={`/meetings/${meeting.id}`}>
        {showGroup ? `${meeting.groupName}: ` : ''}
        {formatMeeting(meeting.startsAt)}
      </a>
      <p class="meta small">
        {cancelled ? <span class="badge warning">{t('meetings.cancelled')}</span> : null}
        {meeting.moved && !cancelled ? <span class="badge">{t('meetings.moved')}</span> : null}
        <span>
          {meeting.venueKind === 'online' ? t('meeting.online') : (meeting.venueName ?? '')}
        </span>
        {!cancelled ? <span>{t(`meetings.rsvp.${meeting.myRsvp ?? 'none'}`)}</span> : null}
      </p>
      {meeting.myRoles.length > 0 && !cancelled ? (
        <p class="small">{t('meetings.yourRoles', { roles: meeting.myRoles.join(', ') })}</p>
      ) : null}
    </li>
  );
}
