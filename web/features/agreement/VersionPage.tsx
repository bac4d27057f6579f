import { useRoute } from 'preact-iso';
import type { VersionDetail } from '../../../core/protocol/agreement';
import { api } from '../../app/api';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { useAsync } from '../../components/useAsync';
import { formatDate, t } from '../../i18n/t';
import NotFoundPage from '../help/NotFoundPage';
import { DiffView } from './DiffView';
import { Responses } from './Responses';

/** One version from the history: what changed, who proposed it and why, and how people responded. */
function Version() {
  const { params } = useRoute();
  const groupId = params.id ?? '';
  const number = params.number ?? '';
  const version = useAsync(
    () =>
      api<VersionDetail>(
        'GET',
        `/api/groups/${encodeURIComponent(groupId)}/agreement/versions/${encodeURIComponent(number)}`,
      ),
    [groupId, number],
  );
  if (version.error?.status === 404 || version.error?.status === 400) return <NotFoundPage />;
  if (!version.data)
    return version.error ? <Notice tone="warning">{version.error.message}</Notice> : <Loading />;
  const v = version.data;
  return (
    <Page title={t('agreement.versionLink', { number: v.number })} lead={formatDate(v.createdAt)}>
      <p>
        <a href={`/groups/${groupId}/agreement`}>← {t('proposal.back')}</a>
      </p>
      {v.proposal ? (
        <p>
          {t('proposal.by', {
            name: v.proposal.proposerName,
            date: formatDate(v.proposal.createdAt),
          })}
          .{' '}
          <a href={`/groups/${groupId}/agreement/proposals/${v.proposal.id}`}>
            {v.proposal.summary}
          </a>
        </p>
      ) : null}
      {v.proposal ? (
        <section aria-labelledby="why-title">
          <h2 id="why-title">{t('proposal.reason')}</h2>
          <p>{v.proposal.reason}</p>
        </section>
      ) : null}
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">
          {v.number === 1 ? t('agreement.firstVersion') : t('diff.changed')}
        </h2>
        <DiffView diff={v.changes} showSame={v.number === 1} />
      </section>
      {v.proposal ? (
        <section aria-labelledby="responses-title">
          <h2 id="responses-title">{t('proposal.responses')}</h2>
          <Responses responses={v.proposal.responses} />
        </section>
      ) : null}
    </Page>
  );
}

export default function VersionPage() {
  return (
    <RequireSignIn>
      <Version />
    </RequireSignIn>
  );
}
