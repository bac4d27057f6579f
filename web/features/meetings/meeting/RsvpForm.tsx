import { useState } from 'preact/hooks';
import { RSVP_RESPONSES, type RsvpResponse } from '../../../../core/domain/meetings';
import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { Choices } from '../../../components/Choices';
import { t } from '../../../i18n/t';
import { rsvp } from '../api';
import type { Act } from './act';

/** Are you coming: going, maybe or can't make it, with a note for the group. */
export function RsvpForm({ m, act }: { m: MeetingDetail; act: Act }) {
  const [response, setResponse] = useState<RsvpResponse | null>(m.myRsvp);
  const [note, setNote] = useState(m.myRsvpNote ?? '');
  return (
    <section aria-labelledby="rsvp-title" class="card panel">
      <h2 id="rsvp-title">{t('meeting.rsvpTitle')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () => rsvp(m.id, { response: response ?? 'going', note: note.trim() || null }),
            t('meeting.rsvpSaved'),
          );
        }}
      >
        <Choices<RsvpResponse>
          name="rsvp"
          legend={t('meeting.rsvpTitle')}
          hideLegend
          value={response}
          onChange={setResponse}
          options={RSVP_RESPONSES.map((v) => ({
            value: v,
            label: t(`meetings.rsvp.${v}`),
            hint: '',
          }))}
        />
        <div class="field">
          <label for="rsvp-note">{t('meeting.rsvpNote')}</label>
          <input
            id="rsvp-note"
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button primary">
          {t('meeting.rsvpSave')}
        </button>
      </form>
    </section>
  );
}

/** Everyone's answer to "are you coming", with their notes. */
export function WhoIsComing({ m }: { m: MeetingDetail }) {
  return (
    <section aria-labelledby="coming-title">
      <h2 id="coming-title">{t('meeting.whoComing')}</h2>
      <ul class="responses">
        {m.rsvps.map((p) => (
          <li key={p.userId}>
            <span class="response-name">{p.displayName}</span>{' '}
            <span class="badge">{t(`meetings.rsvp.${p.response ?? 'none'}`)}</span>
            {p.note ? <p class="small">“{p.note}”</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
