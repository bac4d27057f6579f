import { useState } from 'preact/hooks';
import { INVITE_EXPIRY_DAYS, STAFF_ROLES, type StaffRole } from '../../../core/domain/membership';
import type { CreatedInvite, InviteItem } from '../../../core/protocol/invites';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { ApiError, problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getSchedule } from '../meetings/api';
import { createInvite, listInvites, revokeInvite } from './api';

/** For stewards: make an invitation link, copy it, and revoke links still out there. */
export function InvitePanel({ groupId }: { groupId: string }) {
  const invites = useLoad(() => listInvites(groupId), [groupId]);
  const [days, setDays] = useState<number>(7);
  const [role, setRole] = useState<'member' | StaffRole>('member');
  // An observer may be invited to the group's work, or to one meeting only (a focus group's).
  const [meetingId, setMeetingId] = useState('');
  const schedule = useLoad(
    () => (role === 'observer' ? getSchedule(groupId) : Promise.resolve(null)),
    [groupId, role === 'observer'],
  );
  const upcoming = (schedule.data?.upcoming ?? []).filter((m) => m.status === 'scheduled');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'warning' } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    try {
      const to = email.trim();
      const invite = await createInvite(groupId, {
        expiresInDays: days,
        ...(to ? { email: to } : {}),
        ...(role === 'member' ? {} : { role }),
        ...(role === 'observer' && meetingId ? { meetingId } : {}),
      });
      setEmailError(undefined);
      if (invite.sentTo) {
        setCreated(null);
        setEmail('');
        setMessage({
          text: t('invites.sent', {
            email: invite.sentTo,
            date: formatDateTime(invite.expiresAt),
          }),
          tone: 'success',
        });
      } else {
        setCreated(invite);
        setMessage(null);
      }
      await invites.reload();
    } catch (error) {
      const field = error instanceof ApiError ? error.fields?.email : undefined;
      if (field) {
        setEmailError(field);
        return;
      }
      setMessage({ text: problemText(error), tone: 'warning' });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setMessage({ text: t('invites.copied'), tone: 'success' });
    } catch {
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
    }
  };

  // The phone's own share sheet (messages, mail…), where the browser has one.
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const share = async () => {
    if (!created) return;
    try {
      await navigator.share({ title: t('invites.shareTitle'), url: created.url });
    } catch {
      /* dismissed: nothing to say */
    }
  };

  const revoke = async (invite: InviteItem) => {
    try {
      await revokeInvite(groupId, invite.id);
      if (created?.id === invite.id) setCreated(null);
      setMessage({ text: t('invites.revoked'), tone: 'success' });
      await invites.reload();
    } catch (error) {
      setMessage({ text: problemText(error), tone: 'warning' });
    }
  };

  return (
    <section class="card panel" aria-labelledby="invites-title">
      <h2 id="invites-title">{t('invites.title')}</h2>
      <p>{t('invites.lead')}</p>
      <div class="invite-create">
        <Field
          id="invite-email"
          type="email"
          label={t('invites.email')}
          hint={t('invites.emailHint')}
          value={email}
          onValue={setEmail}
          error={emailError}
          autoComplete="off"
        />
        <div class="field">
          <label for="invite-role">{t('invites.role')}</label>
          <p class="hint" id="invite-role-hint">
            {t('invites.roleHint')}
          </p>
          <select
            id="invite-role"
            aria-describedby="invite-role-hint"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as 'member' | StaffRole)}
          >
            {(['member', ...STAFF_ROLES] as const).map((r) => (
              <option key={r} value={r}>
                {r === 'member' ? t('invites.asMember') : t(`staff.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {role === 'observer' ? (
          <div class="field">
            <label for="invite-meeting">{t('invites.observeWhat')}</label>
            <p class="hint" id="invite-meeting-hint">
              {t('invites.observeWhatHint')}
            </p>
            <select
              id="invite-meeting"
              aria-describedby="invite-meeting-hint"
              value={meetingId}
              onChange={(e) => setMeetingId(e.currentTarget.value)}
            >
              <option value="">{t('invites.observeGroup')}</option>
              {upcoming.map((m) => (
                <option key={m.id} value={m.id}>
                  {t('invites.observeMeeting', { date: formatDateTime(m.startsAt) })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="invite-days">{t('invites.expiry')}</label>
          <select
            id="invite-days"
            value={String(days)}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
          >
            {INVITE_EXPIRY_DAYS.map((d) => (
              <option key={d} value={String(d)}>
                {t(`invites.days${d}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="button primary" disabled={busy} onClick={() => void create()}>
          {busy ? t('common.saving') : email.trim() ? t('invites.send') : t('invites.create')}
        </button>
      </div>
      {created ? (
        <div class="new-link">
          <label for="invite-link">{t('invites.newLink')}</label>
          <p class="hint" id="invite-link-hint">
            {t('invites.newLinkHint')}
          </p>
          {/* The whole link, wrapped: on a phone a one-line box showed only its start. */}
          <textarea
            id="invite-link"
            class="link-text"
            readOnly
            rows={3}
            value={created.url}
            aria-describedby="invite-link-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p class="actions">
            <button type="button" class="button secondary" onClick={() => void copy()}>
              {t('invites.copy')}
            </button>
            {canShare ? (
              <button type="button" class="button secondary" onClick={() => void share()}>
                {t('invites.share')}
              </button>
            ) : null}
          </p>
        </div>
      ) : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <h3>{t('invites.active')}</h3>
      {invites.data && invites.data.items.length === 0 ? (
        <p class="muted">{t('invites.none')}</p>
      ) : null}
      <ul class="invites">
        {(invites.data?.items ?? []).map((invite) => (
          <li key={invite.id}>
            <div>
              <p id={`invite-${invite.id}`}>
                {t('invites.expires', { date: formatDateTime(invite.expiresAt) })}
              </p>
              <p class="muted small">
                {invite.sentTo ? <>{t('invites.sentTo', { email: invite.sentTo })} · </> : null}
                {invite.meetingId ? <>{t('invites.forOneMeeting')} · </> : null}
                {t('invites.by', { name: invite.createdBy })} ·{' '}
                {t('invites.uses', { count: invite.uses })}
              </p>
            </div>
            <ConfirmButton
              small
              label={t('invites.revoke')}
              describedBy={`invite-${invite.id}`}
              question={t('invites.revokeConfirm')}
              confirmLabel={t('invites.revokeYes')}
              onConfirm={() => revoke(invite)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
