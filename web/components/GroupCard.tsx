import type { GroupSummary } from '../../core/protocol/groups';
import { languageName } from '../i18n/languages';
import { t } from '../i18n/t';
import { formatMeeting } from '../lib/time';

/**
 * A group in a list: name, purpose, how and where it meets, when next (in the viewer's own
 * time zone), the way in and how full it is, its language and topics.
 */
export function GroupCard({ group }: { group: GroupSummary }) {
  const where = [group.format ? t(`format.${group.format}`) : null, group.area]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="card group-card">
      <h3>
        <a href={`/groups/${group.id}`}>{group.name}</a>
      </h3>
      <p class={group.purpose ? 'purpose' : 'purpose muted'}>
        {group.purpose ?? t('group.noPurpose')}
      </p>
      {where || group.nextMeetingAt ? (
        <p class="small">
          {where}
          {where && group.nextMeetingAt ? ' · ' : ''}
          {group.nextMeetingAt ? (
            <time dateTime={group.nextMeetingAt}>
              {t('directory.next', { when: formatMeeting(group.nextMeetingAt) })}
            </time>
          ) : null}
        </p>
      ) : null}
      <p class="meta">
        <span class={`badge ${group.visibility}`}>
          {t(`group.${group.visibility}`)}
          <span class="visually-hidden">: {t(`group.${group.visibility}Hint`)}</span>
        </span>
        {group.stage !== 'forming' && group.stage !== 'active' ? (
          <span class={`badge stage-${group.stage}`}>{t(`stage.${group.stage}`)}</span>
        ) : null}
        {group.myRole === 'steward' ? (
          <span class="badge steward">{t('common.steward')}</span>
        ) : null}
        <span>{t('group.members', { count: group.memberCount, cap: group.sizeCap })}</span>
        {group.myRole === null ? (
          <span>
            {group.seatsLeft > 0
              ? t('group.seatsLeft', { count: group.seatsLeft })
              : group.waitlistLength > 0
                ? t('group.fullWaiting', { count: group.waitlistLength })
                : t('group.full')}
          </span>
        ) : null}
        {group.language !== 'en' ? (
          <span lang={group.language}>
            {t('directory.language.label', {
              language: languageName(group.language),
            })}
          </span>
        ) : null}
      </p>
      {group.tags.length > 0 ? (
        <ul class="tags" aria-label={t('directory.tag')}>
          {group.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
