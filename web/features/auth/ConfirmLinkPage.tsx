import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { confirmEmailChange, takeAfterConfirm, verifyEmail } from './api';

/**
 * Opening a confirmation link from a mail. The person presses the button (a mail scanner
 * opening the link confirms nothing): confirming an address signs them in; confirming a new
 * address moves the account there.
 */
function ConfirmLink({ kind }: { kind: 'verify' | 'change' }) {
  const { params } = useRoute();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const token = params.token ?? '';

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      if (kind === 'verify') {
        me.value = await verifyEmail(token);
        location.route(takeAfterConfirm() ?? '/groups?confirmed=1');
      } else {
        setMoved((await confirmEmailChange(token)).email);
      }
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };

  const title = kind === 'verify' ? t('confirm.title') : t('confirmNew.title');
  return (
    <div class="narrow">
      <Page title={title}>
        {moved ? (
          <>
            <Notice tone="success">{t('confirmNew.done', { email: moved })}</Notice>
            <p>
              <a class="button primary" href={me.value ? '/account' : '/signin'}>
                {me.value ? t('confirmNew.toAccount') : t('signIn.submit')}
              </a>
            </p>
          </>
        ) : (
          <>
            <p>{kind === 'verify' ? t('confirm.lead') : t('confirmNew.lead')}</p>
            {problem ? <Notice tone="warning">{problem}</Notice> : null}
            <p>
              <button
                type="button"
                class="button primary"
                disabled={busy}
                onClick={() => void confirm()}
              >
                {busy
                  ? t('common.loading')
                  : kind === 'verify'
                    ? t('confirm.submit')
                    : t('confirmNew.submit')}
              </button>
            </p>
            {problem && kind === 'verify' ? <p class="aside">{t('confirm.newLink')}</p> : null}
          </>
        )}
      </Page>
    </div>
  );
}

export function VerifyEmailPage() {
  return <ConfirmLink kind="verify" />;
}

export function ConfirmEmailPage() {
  return <ConfirmLink kind="change" />;
}
