import { useState } from 'preact/hooks';
import type { PasskeyList } from '../../../core/protocol/accounts';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { makePasskey, passkeyCancelled, usePasskey } from '../auth/api';
import { PasswordField } from '../auth/PasswordField';
import {
  addPasskey,
  confirmOptions,
  confirmWithPasskey,
  passkeyOptions,
  removePasskey,
} from './api';

/** The person's passkeys: what they are called, when last used; add one, remove one. */
export function Passkeys({
  list,
  onChange,
}: {
  list: PasskeyList;
  onChange: (list: PasskeyList) => void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const add = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const start = await passkeyOptions();
      const response = await makePasskey(start.options);
      onChange(await addPasskey(start.challengeId, response, name));
      setName('');
      setMessage({ text: t('passkey.added'), tone: 'success' });
    } catch (error) {
      const already = error instanceof Error && error.name === 'InvalidStateError';
      setMessage({
        text: already
          ? t('passkey.already')
          : passkeyCancelled(error)
            ? t('passkey.cancelled')
            : problemText(error),
        tone: 'warning',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkey.title')}</h2>
      <p>{t('passkey.lead')}</p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {list.items.length === 0 ? (
        <p class="muted">{t('passkey.none')}</p>
      ) : (
        <ul class="sessions">
          {list.items.map((p) => (
            <li key={p.id} class="card">
              <div>
                <p>
                  <strong id={`passkey-${p.id}`}>{p.name}</strong>{' '}
                  {p.synced ? <span class="badge open">{t('passkey.synced')}</span> : null}
                </p>
                <p class="muted small">
                  {t('passkey.addedOn', { date: formatDateTime(p.createdAt) })}
                  {p.lastUsedAt
                    ? ` · ${t('passkey.lastUsed', { date: formatDateTime(p.lastUsedAt) })}`
                    : ''}
                </p>
              </div>
              <ConfirmButton
                label={t('passkey.remove')}
                question={t('passkey.removeConfirm', { name: p.name })}
                confirmLabel={t('passkey.removeYes')}
                small
                tone="secondary"
                describedBy={`passkey-${p.id}`}
                onConfirm={async () => {
                  try {
                    onChange(await removePasskey(p.id));
                    setMessage({ text: t('passkey.removed'), tone: 'success' });
                  } catch (error) {
                    setMessage({ text: problemText(error), tone: 'warning' });
                  }
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <div class="card panel">
        <Field
          id="passkeyName"
          label={t('passkey.name')}
          hint={t('passkey.nameHint')}
          value={name}
          onValue={setName}
        />
        <button type="button" class="button secondary" disabled={busy} onClick={() => void add()}>
          {busy ? t('common.loading') : t('passkey.add')}
        </button>
      </div>
    </section>
  );
}

/**
 * For someone without a password: confirms it is them with a passkey before a sensitive
 * change (the server then accepts the change for a few minutes).
 */
function ConfirmWithPasskey() {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (done) return <p class="notice success">{t('passkey.confirmed')}</p>;
  return (
    <div>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <button
        type="button"
        class="button secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            const start = await confirmOptions();
            await confirmWithPasskey(start.challengeId, await usePasskey(start.options));
            setDone(true);
          } catch (error) {
            setProblem(passkeyCancelled(error) ? t('passkey.cancelled') : problemText(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t('common.loading') : t('passkey.confirm')}
      </button>
    </div>
  );
}

/**
 * How the person shows it is them before a sensitive change: their current password, or,
 * with no password, their passkey.
 */
export function IdentityCheck(props: {
  hasPassword: boolean;
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
}) {
  const { hasPassword, ...field } = props;
  if (!hasPassword) return <ConfirmWithPasskey />;
  return <PasswordField {...field} autoComplete="current-password" />;
}
