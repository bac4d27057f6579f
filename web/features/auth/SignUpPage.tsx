import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { passwordLengthProblem } from '../../../core/domain/password';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { ApiError } from '../../lib/api';
import { safeNext } from '../../lib/safeNext';
import { me } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { acceptInvite, afterAccepting, previewInvite } from '../invites/api';
import {
  passkeyCancelled,
  passkeysAvailable,
  rememberAfterConfirm,
  signUp,
  signUpWithPasskey,
} from './api';
import { PasswordField } from './PasswordField';

export default function SignUpPage() {
  const location = useLocation();
  const invite = location.query.invite;
  const preview = useLoad(() => (invite ? previewInvite(invite) : Promise.resolve(null)), [invite]);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [inbox, setInbox] = useState<string | null>(null);
  const [passkeys, setPasskeys] = useState(false);
  const [usePasskey, setUsePasskey] = useState(false);
  useEffect(() => {
    void passkeysAvailable().then(setPasskeys, () => setPasskeys(false));
  }, []);
  const form = useForm();

  const labels = {
    email: t('signUp.email'),
    displayName: t('signUp.name'),
    password: t('signUp.password'),
  };

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (!email.trim()) problems.email = t('signUp.emailMissing');
    if (!displayName.trim()) problems.displayName = t('signUp.nameMissing');
    if (usePasskey) return problems;
    const length = passwordLengthProblem(password);
    if (length === 'too_short') problems.password = t('signUp.tooShort');
    if (length === 'too_long') problems.password = t('signUp.tooLong');
    return problems;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      let answer: Awaited<ReturnType<typeof signUp>>;
      try {
        answer = usePasskey
          ? await signUpWithPasskey({ email, displayName })
          : await signUp({ email, displayName, password });
      } catch (error) {
        if (passkeyCancelled(error))
          throw new ApiError(400, 'auth.passkey_failed', t('passkey.cancelled'));
        throw error;
      }
      if ('checkInbox' in answer) {
        // Where Hearth sends mail, the account starts from the link in it.
        if (invite) rememberAfterConfirm(`/invite/${encodeURIComponent(invite)}`);
        else if (location.query.next) rememberAfterConfirm(safeNext(location.query.next));
        setInbox(answer.email);
        return;
      }
      me.value = answer;
      if (invite && location.query.confirmed === '1') {
        // The person confirmed the group's commitment on the invitation page first.
        const group = await acceptInvite(invite);
        location.route(afterAccepting(preview.data ?? null, group.id));
      } else if (invite) {
        location.route(`/invite/${encodeURIComponent(invite)}`);
      } else {
        location.route(safeNext(location.query.next));
      }
    });
  };

  if (inbox) {
    return (
      <div class="narrow">
        <Page title={t('signUp.inboxTitle')}>
          <Notice tone="success">{t('signUp.inbox', { email: inbox })}</Notice>
          <p>{t('signUp.inboxMore')}</p>
          <p class="aside">
            <a href="/signin">{t('signIn.submit')}</a>
          </p>
        </Page>
      </div>
    );
  }

  return (
    <div class="narrow">
      <Page title={t('signUp.title')}>
        {preview.data ? (
          <Notice>{t('signUp.joining', { group: preview.data.group.name })}</Notice>
        ) : null}
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <form onSubmit={onSubmit} noValidate>
          <Field
            id="email"
            type="email"
            label={labels.email}
            hint={t('signUp.emailHint')}
            value={email}
            onValue={setEmail}
            error={form.fields.email}
            autoComplete="email"
            required
          />
          <Field
            id="displayName"
            label={labels.displayName}
            hint={t('signUp.nameHint')}
            value={displayName}
            onValue={setDisplayName}
            error={form.fields.displayName}
            autoComplete="nickname"
            required
          />
          {passkeys ? (
            <label class="check">
              <input
                type="checkbox"
                checked={usePasskey}
                onChange={(e) => setUsePasskey(e.currentTarget.checked)}
              />
              {t('passkey.signUpInstead')}
            </label>
          ) : null}
          {usePasskey ? (
            <p class="muted small">{t('passkey.signUpHint')}</p>
          ) : (
            <PasswordField
              id="password"
              label={labels.password}
              hint={t('signUp.passwordHint')}
              value={password}
              onValue={setPassword}
              error={form.fields.password}
              autoComplete="new-password"
            />
          )}
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('signUp.submit')}
          </button>
        </form>
        <p class="aside">
          <a href="/privacy">{t('signUp.privacy')}</a>
        </p>
        <p class="aside">
          {t('signUp.haveAccount')}{' '}
          <a href={invite ? `/signin?next=${encodeURIComponent(`/invite/${invite}`)}` : '/signin'}>
            {t('signIn.submit')}
          </a>
        </p>
      </Page>
    </div>
  );
}
