import { useState } from 'preact/hooks';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { useForm } from '../../lib/useForm';
import { forgotPassword } from './api';

/** "Forgot your password?": a link by mail. The page says the same for any address. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm();
  const labels = { email: t('signIn.email') };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(
      (): FieldErrors => (email.trim() ? {} : { email: t('signUp.emailMissing') }),
      async () => {
        setSentTo((await forgotPassword(email)).sentTo);
      },
    );
  };

  return (
    <div class="narrow">
      <Page title={t('forgot.title')} lead={sentTo ? undefined : t('forgot.lead')}>
        {sentTo ? (
          <>
            <Notice tone="success">{t('forgot.sent', { email: sentTo })}</Notice>
            <p>{t('forgot.sentMore')}</p>
            <p>
              <button type="button" class="button secondary" onClick={() => setSentTo(null)}>
                {t('forgot.again')}
              </button>
            </p>
          </>
        ) : (
          <>
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
              <button class="button primary" type="submit" disabled={form.busy}>
                {form.busy ? t('common.loading') : t('forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p class="aside">
          <a href="/signin">{t('forgot.back')}</a>
        </p>
      </Page>
    </div>
  );
}
