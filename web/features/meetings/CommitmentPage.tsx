import { useRoute } from 'preact-iso';
import type { CommitmentView } from '../../../core/protocol/meetings';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { ScrollTable } from '../../components/ScrollTable';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { getCommitment } from './api';

function Commitment() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const view = useLoad(() => getCommitment(id), [id]);
  return <Loaded state={view}>{(c) => <CommitmentTable c={c} id={id} />}</Loaded>;
}

/** Each member's attendance, kindly: came, on time, later, missed. */
function CommitmentTable({ c, id }: { c: CommitmentView; id: string }) {
  return (
    <Page title={t('commitment.title')} lead={t(`commitment.lead.${c.latenessPolicy}`)}>
      <p>
        <a href={`/groups/${id}/meetings`}>{t('meeting.back', { group: c.groupName })}</a>
      </p>
      <p>{t('commitment.held', { count: c.meetingsHeld })}</p>
      {c.meetingsHeld === 0 ? (
        <p class="empty">{t('commitment.none')}</p>
      ) : (
        <ScrollTable label={t('commitment.title')}>
          <table class="rota">
            <thead>
              <tr>
                <th scope="col">{t('commitment.person')}</th>
                <th scope="col">{t('commitment.came')}</th>
                <th scope="col">{t('commitment.onTime')}</th>
                <th scope="col">{t('commitment.late')}</th>
                <th scope="col">{t('commitment.missed')}</th>
              </tr>
            </thead>
            <tbody>
              {c.people.map((p) => (
                <tr key={p.userId}>
                  <th scope="row">{p.displayName}</th>
                  <td>
                    {p.attended} / {p.held}
                  </td>
                  <td>{p.onTime}</td>
                  <td>{p.late}</td>
                  <td>{p.absent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Page>
  );
}

export default function CommitmentPage() {
  return (
    <RequireSignIn>
      <Commitment />
    </RequireSignIn>
  );
}
