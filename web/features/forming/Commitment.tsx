import type { JoiningView } from '../../../core/protocol/joining';
import { cadenceText } from '../../i18n/cadenceText';
import { t } from '../../i18n/t';
import { formatMeeting } from '../../lib/time';

/** What joining means: the meetings, how long, where, and the comfort agreement. */
export function Commitment({ view }: { view: JoiningView }) {
  const c = view.commitment;
  return (
    <>
      <section class="card panel" aria-labelledby="commitment-title">
        <h2 id="commitment-title">{t('join.commitmentTitle')}</h2>
        <ul class="facts">
          <li>
            {c.plannedMeetings === null
              ? t('join.ongoing')
              : t('join.planned', { count: c.plannedMeetings })}
            {c.cadence ? ` · ${cadenceText(c.cadence)}` : ''}
          </li>
          <li>{t('join.length', { minutes: c.meetingMinutes })}</li>
          {c.format ? (
            <li>
              {t(`format.${c.format}`)}
              {c.area ? ` · ${c.area}` : ''}
            </li>
          ) : c.area ? (
            <li>{c.area}</li>
          ) : null}
          {c.upcoming.length > 0 ? (
            <li>
              {t('join.next')}{' '}
              {c.upcoming.map((when, i) => (
                <span key={when}>
                  {i > 0 ? '; ' : ''}
                  <time dateTime={when}>{formatMeeting(when)}</time>
                </span>
              ))}
            </li>
          ) : (
            <li>{t('join.noMeetingsYet')}</li>
          )}
        </ul>
        <p class="muted small">{t('join.commitmentNote')}</p>
      </section>
      <section class="card panel" aria-labelledby="agreement-title">
        <h2 id="agreement-title">{t('join.agreementTitle')}</h2>
        {view.agreement ? (
          <ol class="agreement-items">
            {view.agreement.items.map((item) => (
              <li key={item.title}>
                <strong>{item.title}</strong>
                <p>{item.text}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('join.noAgreement')}</p>
        )}
      </section>
      {view.joiningCriteria ? (
        <section class="card panel" aria-labelledby="criteria-title">
          <h2 id="criteria-title">{t('join.criteriaTitle')}</h2>
          {view.joiningCriteria.split(/\n{2,}/).map((para) => (
            <p key={para}>{para}</p>
          ))}
        </section>
      ) : null}
    </>
  );
}

/** The "I can commit" tick box every way in asks for. */
export function ConfirmCommitment({
  checked,
  onChange,
  error,
}: {
  checked: boolean;
  onChange: (value: boolean) => void;
  error?: string | undefined;
}) {
  return (
    <div class={`field check${error ? ' has-error' : ''}`}>
      {error ? (
        <p class="field-error" id="confirm-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <label>
        <input
          id="confirm"
          type="checkbox"
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'confirm-error' : undefined}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />{' '}
        {t('join.confirm')}
      </label>
    </div>
  );
}
