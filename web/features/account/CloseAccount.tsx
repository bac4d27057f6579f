import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { t } from '../../i18n/t';
import { me } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { closeAccount } from './api';
import { IdentityCheck } from './Passkeys';

/**
 * Closing the account: said plainly (what happens now, what happens in 14 days, how to undo
 * it), confirmed with the password.
 */
export function CloseAccount({ hasPassword }: { hasPassword: boolean }) {
  const location = useLocation();
  const [password, setPassword] = useState('');
  const form = useForm();
  const labels = { password: t('account.currentPassword') };
  return (
    <section aria-labelledby="close-title">
      <h2 id="close-title">{t('account.closeTitle')}</h2>
      <details class="card panel">
        <summary>{t('account.closeSummary')}</summary>
        <ul>
          <li>{t('account.closeNow')}</li>
          <li>{t('account.closeLater')}</li>
          <li>{t('account.closeUndo')}</li>
        </ul>
        <p>{t('account.closeExport')}</p>
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit(
              (): FieldErrors =>
                password || !hasPassword ? {} : { password: t('signIn.passwordMissing') },
              async () => {
                await closeAccount(hasPassword ? password : undefined);
                me.value = null;
                location.route('/?closed=1');
              },
            );
          }}
        >
          <IdentityCheck
            hasPassword={hasPassword}
            id="closePassword"
            label={labels.password}
            value={password}
            onValue={setPassword}
            error={form.fields.password}
          />
          <button class="button danger" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('account.closeSubmit')}
          </button>
        </form>
      </details>
    </section>
  );
}
