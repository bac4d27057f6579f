import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { GroupDetail } from '../../../core/protocol/groups';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { me } from '../../lib/session';
import { useLoad } from '../../lib/useLoad';
import { AcknowledgeStep } from '../agreement/AcknowledgeStep';
import { getAgreement } from '../agreement/api';
import { getSpace } from '../space/api';
import { closeGroup, endStaffRole, getGroup, myApplications, removeMember } from './api';
import { GroupNow } from './GroupNow';
import { InvitePanel } from './InvitePanel';
import { MemberList } from './MemberList';

/** A group's own page: what it is, who is in it, and what the viewer can do here. */
export default function GroupPage() {
  const { params, query } = useRoute();
  const id = params.id ?? '';
  const group = useLoad(() => getGroup(id), [id, me.value?.id]);
  return (
    <Loaded state={group}>
      {(g) => (
        <GroupView
          g={g}
          arrived={query.welcome ? 'welcome' : query.saved ? 'saved' : null}
          onChange={async (updated) => {
            if (updated) group.set(updated);
            else await group.reload();
          }}
        />
      )}
    </Loaded>
  );
}

/** How long the stewards' message with an accepted application stays on the group page. */
const WELCOME_DAYS = 30;

/** A group's home: what it is, who is in it, where to go next, and how to join or leave. */
function GroupView({
  g,
  arrived,
  onChange,
}: {
  g: GroupDetail;
  arrived: 'welcome' | 'saved' | null;
  onChange: (updated: GroupDetail | null) => Promise<void>;
}) {
  const location = useLocation();
  // Members meet the agreement before the rest of the group's space when it is new to them.
  const isMember = Boolean(g.myRole);
  const agreement = useLoad(
    () => (isMember ? getAgreement(g.id) : Promise.resolve(null)),
    [g.id, isMember],
  );
  // Someone let in by application sees the stewards' message with it, for their first weeks.
  const applications = useLoad(
    () => (isMember ? myApplications() : Promise.resolve(null)),
    [g.id, isMember],
  );
  // What is new between meetings, for the link to the space.
  const space = useLoad(
    () => (g.can.space ? getSpace(g.id, 'everyone') : Promise.resolve(null)),
    [g.id, g.can.space],
  );
  const unread = (space.data?.unread.everyone ?? 0) + (space.data?.unread.peers ?? 0);
  const welcome = applications.data?.items.find(
    (a) =>
      a.groupId === g.id &&
      a.status === 'accepted' &&
      a.message &&
      a.decidedAt &&
      Date.now() - Date.parse(a.decidedAt) < WELCOME_DAYS * 86_400_000,
  );
  const [message, setMessage] = useState<{
    text: string;
    tone: 'success' | 'warning' | 'info';
  } | null>(
    arrived === 'welcome'
      ? { text: t(g.staffRole ? 'groupPage.joinedAsStaff' : 'groupPage.joined'), tone: 'success' }
      : arrived === 'saved'
        ? { text: t('forming.saved'), tone: 'success' }
        : null,
  );

  const show = (text: string, tone: 'success' | 'warning' = 'success') =>
    setMessage({ text, tone });
  const fail = (error: unknown) => show(problemText(error), 'warning');

  const leave = async () => {
    try {
      await removeMember(g.id, me.value?.id ?? '');
      location.route('/groups');
    } catch (error) {
      fail(error);
    }
  };

  const stepAway = async (userId: string) => {
    try {
      await endStaffRole(g.id, userId);
      if (userId === me.value?.id) location.route('/groups');
      else {
        await onChange(await getGroup(g.id));
        show(t('staff.ended'));
      }
    } catch (error) {
      fail(error);
    }
  };

  const close = async () => {
    try {
      await closeGroup(g.id);
      await onChange(null);
      show(t('groupPage.closed'));
    } catch (error) {
      fail(error);
    }
  };

  if (agreement.data?.needsAcknowledgement) {
    return (
      <div class="group-page">
        <Page title={g.name} lead={g.purpose ?? undefined}>
          <AcknowledgeStep
            agreement={agreement.data}
            gate
            onAccepted={() => void agreement.reload()}
          />
        </Page>
      </div>
    );
  }

  return (
    <div class="group-page">
      <Page title={g.name} lead={g.purpose ?? undefined}>
        <p class="meta">
          <span class={`badge stage-${g.stage}`}>{t(`stage.${g.stage}`)}</span>
          <span class={`badge ${g.visibility}`}>
            {t(`group.${g.visibility}`)}: {t(`group.${g.visibility}Hint`)}
          </span>
          <span>{t('group.members', { count: g.memberCount, cap: g.sizeCap })}</span>
          {g.myRole === 'steward' ? <span class="badge steward">{t('common.steward')}</span> : null}
        </p>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {welcome?.message ? (
          <Notice tone="info">{t('groupPage.welcomeMessage', { message: welcome.message })}</Notice>
        ) : null}
        {g.myRole && g.stage === 'adjourned' ? (
          <p class="card panel">{t('groupPage.adjournedNote')}</p>
        ) : g.myRole ? (
          <GroupNow group={g} agreement={agreement.data ?? null} />
        ) : null}
        {g.staffRole ? (
          <section class="card panel">
            <p>{t('staff.you', { role: t(`staff.role.${g.staffRole}`) })}</p>
            <div class="actions">
              <a class="button primary" href={`/groups/${g.id}/space`}>
                {unread > 0 ? t('space.linkNew', { count: unread }) : t('space.link')}
              </a>
              <ConfirmButton
                tone="secondary"
                label={t('staff.stepAway')}
                question={t('staff.stepAwayQuestion', { group: g.name })}
                confirmLabel={t('staff.stepAwayYes')}
                onConfirm={() => stepAway(me.value?.id ?? '')}
              />
            </div>
          </section>
        ) : null}
        {g.myRole ? (
          <nav class="group-links" aria-label={t('groupPage.sections')}>
            <a class="button primary" href={`/groups/${g.id}/space`}>
              {unread > 0 ? t('space.linkNew', { count: unread }) : t('space.link')}
            </a>
            <a class="button secondary" href={`/groups/${g.id}/agreement`}>
              {t('agreement.link')}
            </a>
            <a class="button secondary" href={`/groups/${g.id}/meetings`}>
              {t('meetings.link')}
            </a>
            <a class="button secondary" href={`/groups/${g.id}/purpose`}>
              {t('forming.purposeLink')}
            </a>
            <a class="button secondary" href={`/groups/${g.id}/life`}>
              {t('forming.lifeLink')}
            </a>
            <a class="button secondary" href={`/groups/${g.id}/record`}>
              {t('record.link')}
            </a>
            {g.can.edit && g.visibility === 'closed' ? (
              <a class="button secondary" href={`/groups/${g.id}/applications`}>
                {t('forming.applicationsLink')}
              </a>
            ) : null}
            {g.can.edit ? (
              <a class="button secondary" href={`/groups/${g.id}/settings`}>
                {t('forming.settingsLink')}
              </a>
            ) : null}
          </nav>
        ) : null}

        {g.description ? (
          <section aria-labelledby="about-title">
            <h2 id="about-title">{t('groupPage.about')}</h2>
            {g.description.split(/\n{2,}/).map((para) => (
              <p key={para}>{para}</p>
            ))}
          </section>
        ) : null}

        {g.myRole === null && !g.staffRole ? (
          <section class="card panel join-panel">
            {g.joiningCriteria ? <p>{g.joiningCriteria}</p> : null}
            {g.stage === 'adjourned' ? (
              <p>{t('join.adjourned')}</p>
            ) : g.visibility === 'invite_only' ? (
              <p>{t('groupPage.closedNote')}</p>
            ) : (
              <>
                {g.visibility === 'open' && g.seatsLeft === 0 ? (
                  <p>{t('groupPage.fullNote')}</p>
                ) : null}
                <a class="button primary" href={`/groups/${g.id}/join`}>
                  {g.visibility === 'closed'
                    ? t('forming.applyLink')
                    : g.seatsLeft === 0
                      ? t('forming.waitlistLink')
                      : t('groupPage.join')}
                </a>
              </>
            )}
            <p class="muted">{t('groupPage.membersHidden')}</p>
          </section>
        ) : null}

        {g.members ? (
          <section aria-labelledby="members-title">
            <h2 id="members-title">{t('groupPage.members')}</h2>
            <p class="small muted">{t('groupPage.stewardsAre')}</p>
            <MemberList group={g} onMessage={show} onChange={onChange} />
          </section>
        ) : null}

        {g.staff && g.staff.length > 0 ? (
          <section aria-labelledby="staff-title">
            <h2 id="staff-title">{t('staff.title')}</h2>
            <p class="small muted">{t('staff.lead')}</p>
            <ul class="members">
              {g.staff.map((s) => (
                <li key={s.userId}>
                  <span>
                    {s.displayName} <span class="muted">({t(`staff.role.${s.role}`)})</span>
                  </span>
                  {g.can.manageStaff ? (
                    <ConfirmButton
                      small
                      tone="secondary"
                      label={t('staff.end')}
                      question={t('staff.endQuestion', { name: s.displayName })}
                      confirmLabel={t('staff.endYes')}
                      onConfirm={() => stepAway(s.userId)}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {g.can.invite ? <InvitePanel groupId={g.id} /> : null}

        {g.can.leave ? (
          <section class="leave">
            {g.can.close ? (
              <ConfirmButton
                label={t('groupPage.close')}
                question={t('groupPage.closeConfirm', { group: g.name })}
                confirmLabel={t('groupPage.closeYes')}
                onConfirm={close}
              />
            ) : null}
            <ConfirmButton
              label={t('groupPage.leave')}
              question={t(g.memberCount === 1 ? 'groupPage.leaveLast' : 'groupPage.leaveConfirm', {
                group: g.name,
              })}
              confirmLabel={t(
                g.memberCount === 1 ? 'groupPage.leaveLastYes' : 'groupPage.leaveYes',
              )}
              onConfirm={leave}
            />
          </section>
        ) : null}
      </Page>
    </div>
  );
}
