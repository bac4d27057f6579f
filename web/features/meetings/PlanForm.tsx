import { useState } from 'preact/hooks';
import type { ScheduleOverview } from '../../../core/protocol/meetings';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { timeZones } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { planMeetings } from './api';

type Repeat = 'once' | 'weekly' | 'fortnightly' | 'monthly';
type VenueKind = 'in_person' | 'online' | 'both';
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The RFC 5545 rule for a choice, read from the first meeting's date. */
export function ruleFor(repeat: Repeat, start: string): string | null {
  if (repeat === 'once') return null;
  if (repeat === 'weekly') return 'FREQ=WEEKLY';
  if (repeat === 'fortnightly') return 'FREQ=WEEKLY;INTERVAL=2';
  const date = new Date(`${start.slice(0, 10)}T12:00:00Z`);
  const nth = Math.ceil(date.getUTCDate() / 7);
  return `FREQ=MONTHLY;BYDAY=${DAYS[date.getUTCDay()]};BYSETPOS=${nth === 5 ? -1 : nth}`;
}

/** A steward plans one meeting or a series, with its venue. */
export function PlanForm({
  schedule,
  onPlanned,
}: {
  schedule: ScheduleOverview;
  onPlanned: (next: ScheduleOverview, added: number) => void;
}) {
  const form = useForm();
  const [start, setStart] = useState('');
  const [zone, setZone] = useState(
    schedule.timeZone === 'UTC'
      ? Intl.DateTimeFormat().resolvedOptions().timeZone
      : schedule.timeZone,
  );
  const [repeat, setRepeat] = useState<Repeat>('fortnightly');
  const [count, setCount] = useState('6');
  const [duration, setDuration] = useState(String(schedule.meetingMinutes));
  const [kind, setKind] = useState<VenueKind>('in_person');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [access, setAccess] = useState('');
  const [link, setLink] = useState('');

  const check = () => {
    const problems: Record<string, string> = {};
    if (!start) problems.start = t('plan.startNeeded');
    if (repeat !== 'once' && !(Number(count) >= 1)) problems.count = t('plan.count');
    return problems;
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      const before = schedule.upcoming.length;
      const next = await planMeetings(schedule.groupId, {
        start,
        timeZone: zone,
        rrule: ruleFor(repeat, start),
        count: repeat === 'once' ? null : Number(count),
        until: null,
        durationMinutes: Number(duration) || undefined,
        venue: {
          kind,
          name: name || null,
          address: address || null,
          accessNotes: access || null,
          onlineUrl: link || null,
        },
      });
      onPlanned(next, next.upcoming.length - before);
      // Planned: the form starts afresh, so pressing again cannot plan the same meetings.
      setStart('');
    });
  };

  return (
    <section class="card panel" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('plan.title')}</h2>
      <p class="muted">{t('plan.lead')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary message={form.message} fields={form.fields} />
        <div class={`field${form.fields.start ? ' has-error' : ''}`}>
          <label for="start">{t('plan.start')}</label>
          {form.fields.start ? (
            <p class="field-error" id="start-error">
              {form.fields.start}
            </p>
          ) : null}
          <input
            id="start"
            type="datetime-local"
            value={start}
            aria-invalid={form.fields.start ? 'true' : undefined}
            aria-describedby={form.fields.start ? 'start-error' : undefined}
            onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="timeZone">{t('plan.zone')}</label>
          <select
            id="timeZone"
            value={zone}
            onChange={(e) => setZone((e.currentTarget as HTMLSelectElement).value)}
          >
            {timeZones().map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <Choices<Repeat>
          name="repeat"
          legend={t('plan.repeat')}
          value={repeat}
          onChange={setRepeat}
          options={[
            { value: 'once', label: t('plan.once'), hint: '' },
            { value: 'weekly', label: t('plan.weekly'), hint: '' },
            { value: 'fortnightly', label: t('plan.fortnightly'), hint: '' },
            { value: 'monthly', label: t('plan.monthly'), hint: '' },
          ]}
        />
        {repeat !== 'once' ? (
          <Field
            id="count"
            label={t('plan.count')}
            hint={t('plan.countHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={104}
            value={count}
            onValue={setCount}
            error={form.fields.count}
          />
        ) : null}
        <Field
          id="durationMinutes"
          label={t('plan.duration')}
          type="number"
          inputMode="numeric"
          min={15}
          max={480}
          value={duration}
          onValue={setDuration}
          error={form.fields.durationMinutes}
        />
        <Choices<VenueKind>
          name="venueKind"
          legend={t('plan.venueKind')}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'in_person', label: t('plan.inPerson'), hint: '' },
            { value: 'online', label: t('plan.online'), hint: '' },
            { value: 'both', label: t('plan.both'), hint: '' },
          ]}
        />
        {kind !== 'online' ? (
          <>
            <Field
              id="venue.name"
              label={t('plan.venueName')}
              value={name}
              onValue={setName}
              error={form.fields['venue.name']}
            />
            <Field
              id="venue.address"
              label={t('plan.address')}
              value={address}
              onValue={setAddress}
              error={form.fields['venue.address']}
            />
            <Field
              id="venue.accessNotes"
              label={t('plan.access')}
              hint={t('plan.accessHint')}
              value={access}
              onValue={setAccess}
              multiline
              rows={2}
              error={form.fields['venue.accessNotes']}
            />
          </>
        ) : null}
        {kind !== 'in_person' ? (
          <Field
            id="venue.onlineUrl"
            label={t('plan.link')}
            hint={t('plan.linkHint')}
            type="url"
            value={link}
            onValue={setLink}
            error={form.fields['venue.onlineUrl']}
          />
        ) : null}
        <button type="submit" class="button primary" disabled={form.busy}>
          {t('plan.submit')}
        </button>
      </form>
    </section>
  );
}
