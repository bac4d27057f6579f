import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../../../core/protocol/accounts';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { passkeyCancelled, passkeysAvailable, signInWithPasskey } from './api';

/** "Sign in with a passkey": shown only where the browser can use one. */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (person: Me) => void }) {
  const [available, setAvailable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void passkeysAvailable().then(setAvailable, () => setAvailable(false));
  }, []);
  if (!available) return null;
  return (
    <section class="passkey-way" aria-labelledby="passkey-title">
      <h2 id="passkey-title" class="small-heading">
        {t('passkey.orTitle')}
      </h2>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <button
        type="button"
        class="button secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            const person = await signInWithPasskey();
            me.value = person;
            onSignedIn(person);
          } catch (error) {
            setProblem(passkeyCancelled(error) ? t('passkey.cancelled') : problemText(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t('common.loading') : t('passkey.signIn')}
      </button>
    </section>
  );
}
