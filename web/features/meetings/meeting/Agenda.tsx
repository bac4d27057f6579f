import type { MeetingDetail } from '../../../../core/protocol/meetings';
import { t } from '../../../i18n/t';

/** Agreement proposals someone objected to: for the group to talk about at this meeting. */
export function Agenda({ m }: { m: MeetingDetail }) {
  if (m.agenda.length === 0) return null;
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('meeting.agenda')}</h2>
      <ul>
        {m.agenda.map((a) => (
          <li key={a.proposalId}>
            <a href={`/groups/${m.groupId}/agreement/proposals/${a.proposalId}`}>
              {a.kind === 'adopt'
                ? t('meeting.agendaItem.adopt')
                : a.itemTitle
                  ? t('meeting.agendaItem.item', { title: a.itemTitle })
                  : t('meeting.agendaItem.untitled')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
