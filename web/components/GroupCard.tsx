import type { GroupSummary } from '../../core/protocol/api';
import { t } from '../i18n/t';

/** A group in a list: name, purpose, how to join, and how full it is. */
export function GroupCard({ group }: { group: GroupSummary }) {
  return (
    <li class="card group-card">
      <h3>
        <a href={`/groups/${group.id}`}>{group.name}</a>
      </h3>
      <p class={group.purpose ? 'purpose' : 'purpose muted'}>
        {group.purpose ?? t('group.noPurpose')}
      </p>
      <p class="meta">
        <span class={`badge ${group.visibility}`}>
          {t(`group.${group.visibility}`)}
          <span class="visually-hidden">: {t(`group.${group.visibility}Hint`)}</span>
        </span>
        {group.myRole === 'steward' ? (
          <span class="badge steward">{t('common.steward')}</span>
        ) : null}
        <span>{t('group.members', { count: group.memberCount, cap: group.sizeCap })}</span>
        {group.myRole === null ? (
          <span>
            {group.seatsLeft > 0
              ? t('group.seatsLeft', { count: group.seatsLeft })
              : t('group.full')}
          </span>
        ) : null}
      </p>
    </li>
  );
}
