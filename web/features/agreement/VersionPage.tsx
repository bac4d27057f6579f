import { useRoute } from 'preact-iso';
import type { VersionDetail } from '../../../core/protocol/agreement';
import { Loaded } from '../../components/Loaded';
import { NotFound } from '../../components/NotFound';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { subjectText } from '../../i18n/subjectText';
import { t } from '../../i18n/t';
import { formatDate } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { getVersion } from './api';
import { DiffView } from './DiffView';
import { Responses } from './Responses';

/** One version from the history: what changed, who proposed it and why, and how people responded. */
function Version() {
  const { params } = useRoute();
  const groupId = params.id ?? '';
  const number = params.number ?? '';
  const valid = /^[1-9]\d{0,5}$/.test(number);
  const version = useLoad(
    () => (valid ? getVersion(groupId, number) : Promise.resolve(null)),
    [groupId, number],
  );
  if (!valid) return <NotFound />;
  return (
    <Loaded state={version}>
      {(v) => (v ? <VersionView v={v} groupId={groupId} /> : <NotFound />)}
    </Loaded>
  );
}

function VersionView({ v, groupId }: { v: VersionDetail; groupId: string }) {
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
            {subjectText(v.proposal)}
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
