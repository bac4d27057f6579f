/**
 * The session's recordings, while the group keeps them: a track for each person recorded, to
 * download (members), and one's own to erase. Shows nothing when there are none.
 */
import { useState } from 'preact/hooks';
import { SLICE_MS } from '../../../../core/domain/recordingLimits';
import { EraseTrackButton } from '../../../components/EraseTrackButton';
import { Notice } from '../../../components/Notice';
import { plural, t } from '../../../i18n/t';
import { problemText } from '../../../lib/api';
import { formatDate, formatDateTime } from '../../../lib/time';
import { useLoad } from '../../../lib/useLoad';
import { eraseTrack, getRecordings, trackUrl } from '../api';

export function Recordings({ meetingId }: { meetingId: string }) {
  const list = useLoad(() => getRecordings(meetingId), [meetingId]);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const view = list.data;
  if (!view || view.recordings.length === 0) return null;
  return (
    <section class="card panel" aria-labelledby="recordings-title">
      <h2 id="recordings-title">{t('recordings.title')}</h2>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {view.canDownload ? null : <p class="small muted">{t('recordings.onlyYours')}</p>}
      {view.recordings.map((r) => (
        <div key={r.id} class="recording-item">
          <p>
            {t('recordings.when', { when: formatDateTime(r.startedAt) })}{' '}
            {r.status === 'on' ? t('recordings.running') : null}{' '}
            <span class="muted">{t('recordings.keptUntil', { date: formatDate(r.erasedAt) })}</span>
          </p>
          <ul class="recording-tracks">
            {r.tracks.map((track) => {
              const name = track.yours ? t('recordings.you', { name: track.name }) : track.name;
              const minutes = Math.round((track.slices * SLICE_MS) / 60_000);
              const key = { meetingId, recordingId: r.id, userId: track.userId };
              return (
                <li key={track.userId}>
                  <strong>{name}</strong>{' '}
                  <span class="small muted">
                    {track.erased
                      ? t('recordings.erasedTrack')
                      : track.slices === 0
                        ? t('recordings.nothingYet')
                        : minutes < 1
                          ? t('recordings.underMinute')
                          : plural('recordings.minutes', minutes)}
                  </span>{' '}
                  {view.canDownload && !track.erased && track.slices > 0 ? (
                    <a
                      class="button secondary small"
                      href={trackUrl(key)}
                      download
                      aria-label={t('recordings.downloadLabel', { name: track.name })}
                    >
                      {t('recordings.download')}
                    </a>
                  ) : null}{' '}
                  {track.yours && !track.erased ? (
                    <EraseTrackButton
                      onErase={async () => {
                        try {
                          await eraseTrack(key);
                          setMessage({ text: t('recordings.erased'), tone: 'success' });
                          await list.reload();
                        } catch (error) {
                          setMessage({ text: problemText(error), tone: 'warning' });
                        }
                      }}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
