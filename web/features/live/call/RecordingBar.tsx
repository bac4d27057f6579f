/**
 * Recording the call, as everyone present sees it: asking (everyone is asked, and it starts only
 * if everyone agrees), what is recorded and whose, stopping it (anyone may, for everyone), and
 * for someone who arrives while it runs, the choice to be recorded too or left out. This
 * device records its own person's voice while they agreed and are in the call.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomView } from '../../../../core/protocol/live';
import { plural, t } from '../../../i18n/t';
import type { LiveSession } from '../connection';
import { canRecord, TrackRecorder } from './recorder';
import { sendWaiting, waiting } from './uploads';

interface Props {
  room: RoomView;
  you: string;
  session: LiveSession;
  /** This person's microphone, while they are in the call on this device. */
  microphone: MediaStreamTrack | null;
  /** Whether this person is an observer from outside the group (they may not ask). */
  guest: boolean;
}

export function RecordingBar({ room, you, session, microphone, guest }: Props) {
  const recording = room.recording;
  const recordedHere =
    recording?.status === 'on' && recording.agreed.includes(you) && microphone !== null;
  const startedAt = recording?.startedAt ?? null;
  const failed = useTrackRecorder(
    recordedHere ? recording.id : null,
    room.meetingId,
    you,
    microphone,
    () => Math.max(0, Math.floor((Date.now() + session.offset.value - (startedAt ?? 0)) / 1000)),
  );
  useEffect(() => sendWaiting(), []);

  const name = (id: string) => room.participants.find((p) => p.userId === id)?.name ?? '';
  const here = room.participants.filter((p) => p.present);
  const answer = (agree: boolean) => void session.send({ type: 'recordAnswer', agree });
  const stop = () => void session.send({ type: 'recordStop' });
  const explain = <p class="small">{t('recording.explain', { days: room.recordingDays })}</p>;
  const pending = waiting.value ?? 0;

  if (!recording) {
    const ended = room.recordingEnded;
    return (
      <div class="recording" aria-live="polite">
        {ended?.status === 'declined' ? <p class="small">{t('recording.declined')}</p> : null}
        {ended?.status === 'stopped' ? <p class="small">{t('recording.stopped')}</p> : null}
        {pending > 0 ? <p class="small">{plural('recording.waitingUploads', pending)}</p> : null}
        {room.call[you] && !guest && room.status !== 'ended' ? (
          <p>
            <button
              type="button"
              class="button secondary"
              onClick={() => void session.send({ type: 'recordAsk' })}
            >
              {t('recording.ask')}
            </button>{' '}
            <span class="small muted">{t('recording.askHint')}</span>
          </p>
        ) : null}
      </div>
    );
  }

  if (recording.status === 'asking') {
    const mine = recording.agreed.includes(you);
    return (
      <section class="recording asking" aria-labelledby="recording-ask">
        <p id="recording-ask">
          <strong>
            {recording.askedBy === you
              ? t('recording.youAsked')
              : t('recording.asks', { name: name(recording.askedBy) })}
          </strong>
        </p>
        {explain}
        {mine ? (
          <p aria-live="polite">
            {t('recording.agreedSoFar', { agreed: recording.agreed.length, total: here.length })}
          </p>
        ) : (
          <p>
            <button type="button" class="button secondary" onClick={() => answer(true)}>
              {t('recording.agree')}
            </button>{' '}
            <button type="button" class="button secondary" onClick={() => answer(false)}>
              {t('recording.decline')}
            </button>
          </p>
        )}
        {mine ? (
          <button type="button" class="button secondary small" onClick={stop}>
            {t('recording.stopAsking')}
          </button>
        ) : null}
      </section>
    );
  }

  const agreed = recording.agreed.includes(you);
  const leftOut = recording.leftOut.includes(you);
  return (
    <section class="recording on" aria-labelledby="recording-on">
      <p id="recording-on">
        <span class="recording-dot" aria-hidden="true" /> <strong>{t('recording.on')}</strong>{' '}
        <span class="small">
          {t('recording.whoIsRecorded', { names: recording.agreed.map(name).join(', ') })}
        </span>
      </p>
      {agreed ? (
        <p class="small" aria-live="polite">
          {!canRecord() || failed
            ? t('recording.cannot')
            : microphone
              ? t('recording.youAreRecorded')
              : t('recording.youAreRecordedOutOfCall')}
          {pending > 0 ? ` ${plural('recording.waitingUploads', pending)}` : ''}
        </p>
      ) : leftOut ? (
        <p class="small">
          {t('recording.leftOut')}{' '}
          <button type="button" class="button secondary small" onClick={() => answer(true)}>
            {t('recording.includeMe')}
          </button>
        </p>
      ) : (
        <div>
          <p>
            <strong>{t('recording.lateAsk')}</strong>
          </p>
          {explain}
          <p>
            <button type="button" class="button secondary" onClick={() => answer(true)}>
              {t('recording.agree')}
            </button>{' '}
            <button type="button" class="button secondary" onClick={() => answer(false)}>
              {t('recording.leaveMeOut')}
            </button>
          </p>
        </div>
      )}
      <button type="button" class="button secondary small" onClick={stop}>
        {t('recording.stop')}
      </button>
    </section>
  );
}

/**
 * Records this person's microphone while `recordingId` is set, a new take each time it starts;
 * true when this browser could not start recording.
 */
function useTrackRecorder(
  recordingId: string | null,
  meetingId: string,
  you: string,
  microphone: MediaStreamTrack | null,
  /** Seconds since the recording started, by the server's clock. */
  elapsed: () => number,
): boolean {
  const current = useRef<TrackRecorder | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!recordingId || !microphone || !canRecord()) return;
    const name = { meetingId, recordingId, userId: you };
    const recorder = new TrackRecorder(name, microphone, elapsed());
    current.current = recorder;
    recorder.start().catch(() => setFailed(true));
    return () => {
      current.current?.stop();
      current.current = null;
    };
  }, [recordingId, meetingId, you, microphone]);
  return failed;
}
