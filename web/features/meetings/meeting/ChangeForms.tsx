import { useState } from 'preact/hooks';
import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { t } from '../../../i18n/t';
import { localInZone } from '../../../lib/time';
import { cancelMeeting, changeMeeting } from '../api';
import type { Act } from './act';

/** The host or a steward moves the meeting, with a note to members. */
export function ChangeForm({ m, act }: { m: MeetingDetail; act: Act }) {
  const [start, setStart] = useState(localInZone(m.startsAt, m.timeZone));
  const [note, setNote] = useState('');
  return (
    <details class="card panel">
      <summary>{t('meeting.change')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => changeMeeting(m.id, { start, note: note || null }), t('meeting.changed'));
        }}
      >
        <div class="field">
          <label for="new-start">{t('meeting.newStart')}</label>
          <p class="hint" id="new-start-hint">
            {t('meeting.newStartHint', { zone: m.timeZone.replace(/_/g, ' ') })}
          </p>
          <input
            id="new-start"
            aria-describedby="new-start-hint"
            type="datetime-local"
            value={start}
            onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="change-note">{t('meeting.changeNote')}</label>
          <input
            id="change-note"
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button secondary">
          {t('meeting.changeSave')}
        </button>
      </form>
    </details>
  );
}

/** The host or a steward cancels the meeting, saying why. */
export function CancelForm({ m, act }: { m: MeetingDetail; act: Act }) {
  const [note, setNote] = useState('');
  return (
    <details class="card panel">
      <summary>{t('meeting.cancel')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => cancelMeeting(m.id, note), t('meeting.changed'));
        }}
      >
        <div class="field">
          <label for="cancel-note">{t('meeting.cancelNote')}</label>
          <input
            id="cancel-note"
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button secondary">
          {t('meeting.cancelYes')}
        </button>
      </form>
    </details>
  );
}
