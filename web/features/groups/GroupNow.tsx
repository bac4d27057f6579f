import type { AgreementOverview } from '../../../core/protocol/agreement';
import type { GroupDetail } from '../../../core/protocol/groups';
import { subjectText } from '../../i18n/subjectText';
import { t } from '../../i18n/t';
import { formatMeeting } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getSchedule } from '../meetings/api';
import { decisionsWaiting } from './api';

/**
 * What is happening in the group, at a glance: the next meeting with the person's roles and
 * whether they said they are coming, the proposals and decisions waiting for their response,
 * and the version of the agreement they accepted.
 */
export function GroupNow({
  group,
  agreement,
}: {
  group: GroupDetail;
  agreement: AgreementOverview | null;
}) {
  const schedule = useLoad(() => getSchedule(group.id), [group.id]);
  const decisions = useLoad(() => decisionsWaiting(group.id), [group.id]);
  const next = schedule.data?.upcoming.find((m) => m.status === 'scheduled') ?? null;
  const waiting = (agreement?.proposals ?? []).filter((p) => p.needsMyResponse);
  const current = agreement?.current?.number ?? null;
  return (
    <section class="card panel group-now" aria-labelledby="now-title">
      <h2 id="now-title">{t('groupNow.title')}</h2>
      <h3>{t('groupNow.next')}</h3>
      {next ? (
        <p>
          <a href={`/meetings/${next.id}`}>{formatMeeting(next.startsAt)}</a>
          <br />
          {next.myRoles.length > 0
            ? t('groupNow.yourRoles', { roles: next.myRoles.join(', ') })
            : t('groupNow.noRoles')}
          <br />
          {next.myRsvp
            ? t('groupNow.rsvp', { answer: t(`meetings.rsvp.${next.myRsvp}`) })
            : t('groupNow.rsvpNone')}
        </p>
      ) : (
        <p class="muted">{schedule.data ? t('groupNow.noMeeting') : t('common.loading')}</p>
      )}
      <h3>{t('groupNow.waiting')}</h3>
      {waiting.length === 0 && (decisions.data ?? []).length === 0 ? (
        <p class="muted">{t('groupNow.nothingWaiting')}</p>
      ) : (
        <ul>
          {waiting.map((p) => (
            <li key={p.id}>
              <a href={`/groups/${group.id}/agreement/proposals/${p.id}`}>{subjectText(p)}</a>
            </li>
          ))}
          {(decisions.data ?? []).map((d) => (
            <li key={d.id}>
              <a href={`/decisions/${d.id}`}>
                {t(d.kind === 'purpose' ? 'groupNow.purposeDecision' : 'groupNow.reviewDecision')}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('groupNow.agreement')}</h3>
      <p>
        {current === null
          ? t('groupNow.noAgreement')
          : agreement?.myAcknowledgedVersion === current
            ? t('groupNow.accepted', { number: current })
            : t('groupNow.toAccept', { number: current })}{' '}
        <a href={`/groups/${group.id}/agreement`}>
          {t(current === null ? 'groupNow.startAgreement' : 'groupNow.readAgreement')}
        </a>
      </p>
    </section>
  );
}
