import { useState } from 'preact/hooks';
import {
  type EmailPreferences,
  type EmailPreferencesView,
  REMINDER_CHOICES,
  SPACE_DIGESTS,
} from '../../../core/protocol/mail';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { saveEmailPreferences } from './api';

/**
 * Which emails a person gets; the same form signed in and from the link in a mail (then
 * with the link's token).
 */
export function EmailChoices({ view, token }: { view: EmailPreferencesView; token?: string }) {
  const [prefs, setPrefs] = useState<EmailPreferences>(view.preferences);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const toggle = (key: 'roles' | 'changes' | 'proposals') => (
    <label class="check">
      <input
        type="checkbox"
        checked={prefs[key]}
        onChange={(e) =>
          setPrefs({ ...prefs, [key]: (e.currentTarget as HTMLInputElement).checked })
        }
      />{' '}
      {t(`email.${key}`)}
    </label>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void saveEmailPreferences(prefs, token)
          .then((next) => {
            setPrefs(next.preferences);
            setMessage({ text: t('email.saved'), tone: 'success' });
          })
          .catch((error: unknown) => setMessage({ text: problemText(error), tone: 'warning' }));
      }}
    >
      <p>{t('email.lead', { email: view.email })}</p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <fieldset class="field">
        <legend>{t('email.reminders')}</legend>
        {REMINDER_CHOICES.map((minutes) => (
          <label class="check" key={minutes}>
            <input
              type="checkbox"
              checked={prefs.reminders.includes(minutes)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                setPrefs({
                  ...prefs,
                  reminders: on
                    ? [...prefs.reminders, minutes]
                    : prefs.reminders.filter((m) => m !== minutes),
                });
              }}
            />{' '}
            {t(`email.r${minutes}`)}
          </label>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>{t('email.title')}</legend>
        {toggle('roles')}
        {toggle('changes')}
        {toggle('proposals')}
      </fieldset>
      <fieldset class="field">
        <legend>{t('email.digest')}</legend>
        <p class="hint">{t('email.digestHint')}</p>
        {SPACE_DIGESTS.map((choice) => (
          <label class="check" key={choice}>
            <input
              type="radio"
              name="spaceDigest"
              checked={prefs.spaceDigest === choice}
              onChange={() => setPrefs({ ...prefs, spaceDigest: choice })}
            />{' '}
            {t(`email.digest.${choice}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button primary">
        {t('email.save')}
      </button>
    </form>
  );
}
