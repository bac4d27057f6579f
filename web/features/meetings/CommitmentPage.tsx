import { useRoute } from 'preact-iso';
import type { CommitmentView } from '../../../core/protocol/meetings';
import { api } from '../../app/api';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { ScrollTable } from '../../components/ScrollTable';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n/t';

function Commitment() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const view = useAsync(
    () => api<CommitmentView>('GET', `/api/groups/${encodeURIComponent(id)}/commitment`),
    [id],
  );
  if (!view.data)
    return view.error ? <Notice tone="warning">{view.error.message}</Notice> : <Loading />;
  const c = view.data;
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
