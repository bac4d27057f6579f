import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { GroupDetail, InvitePreview } from '../../../core/protocol/api';
import { ApiError, api } from '../../app/api';
import { me } from '../../app/session';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n/t';
import { Commitment, ConfirmCommitment } from '../forming/Commitment';

/** Where an invitation link lands: what the group is, and one clear way in. */
export default function InvitePage() {
  const { params } = useRoute();
  const location = useLocation();
  const token = params.token ?? '';
  const preview = useAsync(
    () => api<InvitePreview>('GET', `/api/invites/${encodeURIComponent(token)}`),
    [token, me.value?.id],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const needConfirm = () => {
    if (confirmed) return false;
    setConfirmError(t('join.confirmNeeded'));
    document.getElementById('confirm')?.focus();
    return true;
  };

  if (preview.error) {
    return (
      <div class="narrow">
        <Page title={t('invite.problem')}>
          <Notice tone="warning">{preview.error.message}</Notice>
        </Page>
      </div>
    );
  }
  if (!preview.data) return <Loading />;
  const p = preview.data;

  const accept = async () => {
    if (needConfirm()) return;
    setBusy(true);
    try {
      const group = await api<GroupDetail>(
        'POST',
        `/api/invites/${encodeURIComponent(token)}/accept`,
        { confirm: true },
      );
      location.route(`/groups/${group.id}?welcome=1`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('error.text'));
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <Page title={p.group.name} lead={t('invite.from', { name: p.invitedBy })}>
        <div class="card panel">
          {p.group.purpose ? <p class="purpose">{p.group.purpose}</p> : null}
          <p class="meta">
            <span>{t('group.members', { count: p.group.memberCount, cap: p.group.sizeCap })}</span>
          </p>
        </div>
        {p.alreadyMember ? null : <Commitment view={p.joining} />}
        {error ? <Notice tone="warning">{error}</Notice> : null}
        {!p.alreadyMember && p.group.seatsLeft > 0 && me.value !== undefined ? (
          <ConfirmCommitment
            checked={confirmed}
            onChange={(value) => {
              setConfirmed(value);
              setConfirmError(undefined);
            }}
            error={confirmError}
          />
        ) : null}
        {p.alreadyMember ? (
          <>
            <Notice>{t('invite.already')}</Notice>
            <a class="button primary" href={`/groups/${p.group.id}`}>
              {t('invite.goToGroup')}
            </a>
          </>
        ) : p.group.seatsLeft === 0 ? (
          <Notice tone="warning">{t('invite.full')}</Notice>
        ) : me.value ? (
          <button
            type="button"
            class="button primary"
            disabled={busy}
            onClick={() => void accept()}
          >
            {busy ? t('common.saving') : t('invite.join', { group: p.group.name })}
          </button>
        ) : me.value === null ? (
          <p class="actions">
            <button
              type="button"
              class="button primary"
              onClick={() => {
                if (!needConfirm())
                  location.route(`/signup?invite=${encodeURIComponent(token)}&confirmed=1`);
              }}
            >
              {t('invite.signUp')}
            </button>
            <a
              class="button secondary"
              href={`/signin?next=${encodeURIComponent(`/invite/${token}`)}`}
            >
              {t('invite.signIn')}
            </a>
          </p>
        ) : (
          <Loading />
        )}
      </Page>
    </div>
  );
}
