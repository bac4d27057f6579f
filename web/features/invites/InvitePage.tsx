import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { InvitePreview } from '../../../core/protocol/invites';
import { Loaded } from '../../components/Loaded';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { Commitment, ConfirmCommitment } from '../forming/Commitment';
import { acceptInvite, afterAccepting, previewInvite } from './api';

/** Where an invitation link lands: what the group is, and one clear way in. */
export default function InvitePage() {
  const { params } = useRoute();
  const token = params.token ?? '';
  const preview = useLoad(() => previewInvite(token), [token, me.value?.id]);
  return (
    <Loaded
      state={preview}
      failed={(error) => (
        <div class="narrow">
          <Page title={t('invite.problem')}>
            <Notice tone="warning">{error.message}</Notice>
          </Page>
        </div>
      )}
    >
      {(p) => <Invitation p={p} token={token} />}
    </Loaded>
  );
}

/** The invitation itself: the group, its commitment, and the way in for this person. */
function Invitation({ p, token }: { p: InvitePreview; token: string }) {
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  // Someone in a staff role takes no seat and makes no member's commitment.
  const staff = p.role !== 'member';
  const needConfirm = () => {
    if (confirmed || staff) return false;
    setConfirmError(t('join.confirmNeeded'));
    document.getElementById('confirm')?.focus();
    return true;
  };

  const accept = async () => {
    if (needConfirm()) return;
    setBusy(true);
    try {
      const group = await acceptInvite(token);
      location.route(afterAccepting(p, group.id));
    } catch (e) {
      setError(problemText(e));
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <Page
        title={p.group.name}
        lead={t(p.meeting ? 'invite.fromToObserve' : 'invite.from', { name: p.invitedBy })}
      >
        <div class="card panel">
          {p.group.purpose ? <p class="purpose">{p.group.purpose}</p> : null}
          {p.group.description ? <p class="description">{p.group.description}</p> : null}
          <p class="meta">
            <span>{t('group.members', { count: p.group.memberCount, cap: p.group.sizeCap })}</span>
          </p>
        </div>
        {p.meeting ? (
          <Notice>{t('invite.toObserve', { date: formatDateTime(p.meeting.startsAt) })}</Notice>
        ) : p.role !== 'member' ? (
          <Notice>{t('invite.asStaff', { role: t(`staff.role.${p.role}`) })}</Notice>
        ) : null}
        {p.alreadyMember || staff ? null : <Commitment view={p.joining} />}
        {p.sentTo && !p.alreadyMember ? (
          <Notice tone={p.sentTo.isYou === false ? 'warning' : 'info'}>
            {t(p.sentTo.isYou === false ? 'invite.forAnother' : 'invite.forAddress', {
              hint: p.sentTo.hint,
            })}
          </Notice>
        ) : null}
        {error ? <Notice tone="warning">{error}</Notice> : null}
        {!p.alreadyMember && !staff && p.group.seatsLeft > 0 && me.value !== undefined ? (
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
        ) : p.group.seatsLeft === 0 && p.role === 'member' ? (
          <Notice tone="warning">{t('invite.full')}</Notice>
        ) : p.sentTo?.isYou === false ? null : me.value ? (
          <button
            type="button"
            class="button primary"
            disabled={busy}
            onClick={() => void accept()}
          >
            {busy
              ? t('common.saving')
              : p.meeting
                ? t('invite.acceptObserving')
                : t(staff ? 'invite.joinAsStaff' : 'invite.join', { group: p.group.name })}
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
