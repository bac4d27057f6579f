import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { SessionItem } from '../../../core/protocol/accounts';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { signOut } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { AccountDetails } from './AccountDetails';
import { endSession, listPasskeys, listSessions } from './api';
import { CalendarAndEmail } from './CalendarAndEmail';
import { CloseAccount } from './CloseAccount';
import { MyRecordings } from './MyRecordings';
import { Passkeys } from './Passkeys';

function Account() {
  const location = useLocation();
  const sessions = useLoad(listSessions, []);
  const passkeys = useLoad(listPasskeys, []);
  const hasPassword = passkeys.data?.hasPassword ?? true;
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );

  const end = async (session: SessionItem) => {
    try {
      await endSession(session.id);
      setMessage({ text: t('account.ended'), tone: 'success' });
      await sessions.reload();
    } catch (error) {
      setMessage({ text: problemText(error), tone: 'warning' });
    }
  };

  return (
    <Page title={t('account.title')}>
      {location.query.reopened ? <Notice tone="success">{t('account.reopened')}</Notice> : null}
      <AccountDetails hasPassword={hasPassword} onPasswordSet={() => void passkeys.reload()} />
      {passkeys.data ? <Passkeys list={passkeys.data} onChange={passkeys.set} /> : null}
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessionsTitle')}</h2>
        <p>{t('account.sessionsLead')}</p>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {!sessions.data ? (
          <Loading />
        ) : (
          <ul class="sessions">
            {sessions.data.items.map((s) => (
              <li key={s.id} class="card">
                <div>
                  <p>
                    <strong id={`session-${s.id}`}>{s.device}</strong>{' '}
                    {s.current ? <span class="badge open">{t('account.thisDevice')}</span> : null}
                  </p>
                  <p class="muted small">
                    {t('account.signedIn', { date: formatDateTime(s.createdAt) })} ·{' '}
                    {t('account.lastActive', { date: formatDateTime(s.lastSeenAt) })}
                  </p>
                </div>
                {s.current ? null : (
                  <button
                    type="button"
                    class="button secondary small"
                    aria-describedby={`session-${s.id}`}
                    onClick={() => void end(s)}
                  >
                    {t('account.endSession')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <button
          type="button"
          class="button secondary"
          onClick={async () => {
            await signOut().catch(() => {});
            location.route('/');
          }}
        >
          {t('account.signOut')}
        </button>
      </p>
      <CalendarAndEmail />
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('account.exportTitle')}</h2>
        <p>{t('account.exportLead')}</p>
        <p>
          <a class="button secondary" href="/api/me/export" download>
            {t('account.exportButton')}
          </a>
        </p>
      </section>
      <MyRecordings />
      <CloseAccount hasPassword={hasPassword} />
    </Page>
  );
}

export default function AccountPage() {
  return (
    <RequireSignIn>
      <Account />
    </RequireSignIn>
  );
}
