import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { passwordLengthProblem } from '../../../core/domain/password';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { me } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { resetPassword } from './api';
import { PasswordField } from './PasswordField';

/** Choosing a new password from the link in a mail; the person is signed in after. */
export default function ResetPasswordPage() {
  const { params } = useRoute();
  const location = useLocation();
  const [password, setPassword] = useState('');
  const form = useForm();
  const labels = { password: t('reset.password'), token: t('reset.link') };

  const check = (): FieldErrors => {
    const length = passwordLengthProblem(password);
    if (length === 'too_short') return { password: t('signUp.tooShort') };
    if (length === 'too_long') return { password: t('signUp.tooLong') };
    return {};
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      me.value = await resetPassword(params.token ?? '', password);
      location.route('/groups?reset=1');
    });
  };

  return (
    <div class="narrow">
      <Page title={t('reset.title')} lead={t('reset.lead')}>
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <form onSubmit={onSubmit} noValidate>
          <PasswordField
            id="password"
            label={labels.password}
            hint={t('signUp.passwordHint')}
            value={password}
            onValue={setPassword}
            error={form.fields.password}
            autoComplete="new-password"
          />
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('reset.submit')}
          </button>
        </form>
        <p class="aside">
          <a href="/forgot-password">{t('reset.newLink')}</a>
        </p>
      </Page>
    </div>
  );
}
