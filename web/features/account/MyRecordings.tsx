/**
 * Recordings of the person's own voice, wherever they were made (in a group they have left
 * too), each with a way to erase it. Shows nothing when there are none.
 */
import { useState } from 'preact/hooks';
import { EraseTrackButton } from '../../components/EraseTrackButton';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { eraseMyTrack, listMyRecordings } from './api';

export function MyRecordings() {
  const list = useLoad(listMyRecordings, []);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const items = list.data?.items ?? [];
  if (items.length === 0 && !message) return null;
  return (
    <section aria-labelledby="recordings-title">
      <h2 id="recordings-title">{t('account.recordingsTitle')}</h2>
      <p>{t('account.recordingsLead')}</p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <ul class="recording-tracks">
        {items.map((item) => (
          <li key={`${item.meetingId}/${item.recordingId}`}>
            <a href={`/meetings/${item.meetingId}`}>
              {t('account.recordingOf', {
                group: item.groupName,
                when: formatDateTime(item.startedAt),
              })}
            </a>
            <EraseTrackButton
              onErase={async () => {
                try {
                  await eraseMyTrack(item.meetingId, item.recordingId, me.value?.id ?? '');
                  setMessage({ text: t('recordings.erased'), tone: 'success' });
                  await list.reload();
                } catch (error) {
                  setMessage({ text: problemText(error), tone: 'warning' });
                }
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
