import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { MeetingDetail } from '../../../core/protocol/meetings';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { formatMeeting } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getMeeting } from './api';
import { Agenda } from './meeting/Agenda';
import { AttendanceForm } from './meeting/AttendanceForm';
import type { Act } from './meeting/act';
import { CancelForm, ChangeForm } from './meeting/ChangeForms';
import { Recordings } from './meeting/Recordings';
import { Roles } from './meeting/Roles';
import { RsvpForm, WhoIsComing } from './meeting/RsvpForm';
import { Where } from './meeting/Where';

function Meeting() {
  const { params } = useRoute();
  const id = params.meetingId ?? '';
  const meeting = useLoad(() => getMeeting(id), [id]);
  return <Loaded state={meeting}>{(m) => <MeetingView m={m} onChange={meeting.set} />}</Loaded>;
}

/**
 * One meeting: when and where, its live session, what is on the agenda, its roles and swaps,
 * who is coming, and for the host, the facilitator or a steward, changing it and attendance.
 * Each part keeps its own form; the page shows the outcome of any of them in one place.
 */
function MeetingView({ m, onChange }: { m: MeetingDetail; onChange: (m: MeetingDetail) => void }) {
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const act: Act = async (work, done) => {
    try {
      onChange(await work());
      setMessage({ text: done, tone: 'success' });
    } catch (error) {
      setMessage({ text: problemText(error), tone: 'warning' });
    }
  };
  const cancelled = m.status === 'cancelled';
  return (
    <Page title={t('meeting.title', { group: m.groupName, when: formatMeeting(m.startsAt) })}>
      <p>
        <a href={`/groups/${m.groupId}/meetings`}>{t('meeting.back', { group: m.groupName })}</a>
      </p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {cancelled ? <Notice tone="warning">{t('meeting.cancelledNotice')}</Notice> : null}
      {m.cancelReason ? <p>{t(`meeting.cancelReason.${m.cancelReason}`)}</p> : null}
      {m.changeNote ? <p>{t('meeting.note', { note: m.changeNote })}</p> : null}
      {cancelled ? null : (
        <section class="card panel" aria-labelledby="live-title">
          <h2 id="live-title">{t('live.title')}</h2>
          <p>{t('live.openHint')}</p>
          <a class="button primary" href={`/meetings/${m.id}/live`}>
            {t('live.open')}
          </a>
        </section>
      )}
      <Recordings meetingId={m.id} />
      {m.originalStartsAt ? (
        <p class="muted">{t('meeting.originally', { when: formatMeeting(m.originalStartsAt) })}</p>
      ) : null}
      <Where m={m} />
      <Agenda m={m} />
      <Roles m={m} myId={me.value?.id} act={act} />
      {m.can.rsvp ? <RsvpForm m={m} act={act} /> : null}
      <WhoIsComing m={m} />
      {m.can.recordAttendance ? <AttendanceForm m={m} act={act} /> : null}
      {m.can.change ? <ChangeForm m={m} act={act} /> : null}
      {m.can.cancel ? <CancelForm m={m} act={act} /> : null}
    </Page>
  );
}

export default function MeetingPage() {
  return (
    <RequireSignIn>
      <Meeting />
    </RequireSignIn>
  );
}
