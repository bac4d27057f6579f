import { useState } from 'preact/hooks';
import { passwordLengthProblem } from '../../../core/domain/password';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { PasswordField } from '../auth/PasswordField';
import { changeEmail, changePassword, resendConfirmation, updateProfile } from './api';
import { IdentityCheck } from './Passkeys';

type Say = (text: string, tone?: 'success' | 'warning') => void;

/** Who the person is here: their name, address and password, each changed in its own fold. */
export function AccountDetails({
  hasPassword,
  onPasswordSet,
}: {
  hasPassword: boolean;
  /** Called once a password is saved: someone without one now has one. */
  onPasswordSet: () => void;
}) {
  const person = me.value;
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  if (!person) return null;
  const say: Say = (text, tone = 'success') => setMessage({ text, tone });

  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{t('account.detailsTitle')}</h2>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <dl class="card panel details">
        <dt>{t('account.name')}</dt>
        <dd>{person.displayName}</dd>
        <dt>{t('account.email')}</dt>
        <dd>
          {person.email}{' '}
          {person.emailConfirmed ? null : (
            <span class="badge closed">{t('account.unconfirmed')}</span>
          )}
        </dd>
      </dl>
      {person.emailConfirmed ? null : <Unconfirmed say={say} />}
      <NameForm say={say} />
      <EmailForm say={say} hasPassword={hasPassword} />
      <PasswordForm say={say} hasPassword={hasPassword} onSaved={onPasswordSet} />
    </section>
  );
}

function Unconfirmed({ say }: { say: Say }) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="card panel">
      <p>{t('account.unconfirmedLead')}</p>
      <button
        type="button"
        class="button secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            say(t('account.confirmationSent', { email: (await resendConfirmation()).sentTo }));
          } catch (error) {
            say(problemText(error), 'warning');
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('account.sendConfirmation')}
      </button>
    </div>
  );
}

function NameForm({ say }: { say: Say }) {
  const [name, setName] = useState(me.value?.displayName ?? '');
  const form = useForm();
  const labels = { displayName: t('account.newName') };
  return (
    <details class="card panel">
      <summary>{t('account.changeName')}</summary>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(
            (): FieldErrors => (name.trim() ? {} : { displayName: t('signUp.nameMissing') }),
            async () => {
              me.value = await updateProfile(name);
              say(t('account.nameSaved'));
            },
          );
        }}
      >
        <Field
          id="displayName"
          label={labels.displayName}
          hint={t('signUp.nameHint')}
          value={name}
          onValue={setName}
          error={form.fields.displayName}
          autoComplete="nickname"
          required
        />
        <button class="button primary" type="submit" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('account.saveName')}
        </button>
      </form>
    </details>
  );
}

function EmailForm({ say, hasPassword }: { say: Say; hasPassword: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const labels = { email: t('account.newEmail'), password: t('account.currentPassword') };
  return (
    <details class="card panel">
      <summary>{t('account.changeEmail')}</summary>
      <p class="muted">{t('account.changeEmailLead')}</p>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(
            (): FieldErrors => ({
              ...(email.trim() ? {} : { email: t('signUp.emailMissing') }),
              ...(password || !hasPassword ? {} : { password: t('signIn.passwordMissing') }),
            }),
            async () => {
              const sent = await changeEmail(email, hasPassword ? password : undefined);
              setEmail('');
              setPassword('');
              say(t('account.emailLinkSent', { email: sent.sentTo }));
            },
          );
        }}
      >
        <Field
          id="newEmail"
          type="email"
          label={labels.email}
          value={email}
          onValue={setEmail}
          error={form.fields.email}
          autoComplete="email"
          required
        />
        <IdentityCheck
          hasPassword={hasPassword}
          id="emailPassword"
          label={labels.password}
          value={password}
          onValue={setPassword}
          error={form.fields.password}
        />
        <button class="button primary" type="submit" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('account.sendEmailLink')}
        </button>
      </form>
    </details>
  );
}

function PasswordForm({
  say,
  hasPassword,
  onSaved,
}: {
  say: Say;
  hasPassword: boolean;
  onSaved: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useForm();
  const labels = {
    currentPassword: t('account.currentPassword'),
    newPassword: t('reset.password'),
  };
  return (
    <details class="card panel">
      <summary>{hasPassword ? t('account.changePassword') : t('account.setPassword')}</summary>
      <p class="muted">{hasPassword ? t('account.changePasswordLead') : t('account.noPassword')}</p>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(
            (): FieldErrors => {
              const problems: FieldErrors = {};
              if (!current && hasPassword) problems.currentPassword = t('signIn.passwordMissing');
              const length = passwordLengthProblem(next);
              if (length === 'too_short') problems.newPassword = t('signUp.tooShort');
              if (length === 'too_long') problems.newPassword = t('signUp.tooLong');
              return problems;
            },
            async () => {
              await changePassword(hasPassword ? current : undefined, next);
              setCurrent('');
              setNext('');
              say(t('account.passwordSaved'));
              onSaved();
            },
          );
        }}
      >
        <IdentityCheck
          hasPassword={hasPassword}
          id="currentPassword"
          label={labels.currentPassword}
          value={current}
          onValue={setCurrent}
          error={form.fields.currentPassword}
        />
        <PasswordField
          id="newPassword"
          label={labels.newPassword}
          hint={t('signUp.passwordHint')}
          value={next}
          onValue={setNext}
          error={form.fields.newPassword}
          autoComplete="new-password"
        />
        <button class="button primary" type="submit" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('account.savePassword')}
        </button>
      </form>
    </details>
  );
}
