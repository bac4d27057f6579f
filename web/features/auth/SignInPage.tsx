import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { safeNext } from '../../lib/safeNext';
import { me } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { signIn } from './api';
import { PasskeySignIn } from './PasskeySignIn';
import { PasswordField } from './PasswordField';

export default function SignInPage() {
  const location = useLocation();
  const next = safeNext(location.query.next);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm();
  const labels = { email: t('signIn.email'), password: t('signIn.password') };

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (!email.trim()) problems.email = t('signUp.emailMissing');
    if (!password) problems.password = t('signIn.passwordMissing');
    return problems;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      const person = await signIn({ email, password });
      me.value = person;
      location.route(person.reopened ? '/account?reopened=1' : next);
    });
  };

  return (
    <div class="narrow">
      <Page title={t('signIn.title')}>
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <form onSubmit={onSubmit} noValidate>
          <Field
            id="email"
            type="email"
            label={labels.email}
            value={email}
            onValue={setEmail}
            error={form.fields.email}
            autoComplete="email"
            required
          />
          <PasswordField
            id="password"
            label={labels.password}
            value={password}
            onValue={setPassword}
            error={form.fields.password}
            autoComplete="current-password"
          />
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.loading') : t('signIn.submit')}
          </button>
        </form>
        <p class="aside">
          <a href="/forgot-password">{t('signIn.forgot')}</a>
        </p>
        <PasskeySignIn
          onSignedIn={(person) => location.route(person.reopened ? '/account?reopened=1' : next)}
        />
        <p class="aside">
          {t('signIn.noAccount')}{' '}
          <a
            href={
              location.query.next?.startsWith('/invite/')
                ? `/signup?invite=${location.query.next.slice(8)}`
                : '/signup'
            }
          >
            {t('nav.signUp')}
          </a>
        </p>
      </Page>
    </div>
  );
}
