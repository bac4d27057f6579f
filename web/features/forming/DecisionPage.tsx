import { useRoute } from 'preact-iso';
import type { GroupDecision } from '../../../core/protocol/forming';
import { api } from '../../app/api';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n/t';
import NotFoundPage from '../help/NotFoundPage';
import { DecisionPanel } from './DecisionPanel';

/** One decision, reached from a notification: respond here, or go to where it belongs. */
function Decision() {
  const { params } = useRoute();
  const id = params.decisionId ?? '';
  const decision = useAsync(
    () => api<GroupDecision>('GET', `/api/decisions/${encodeURIComponent(id)}`),
    [id],
  );
  if (decision.error?.status === 404) return <NotFoundPage />;
  if (!decision.data) {
    return decision.error ? <Notice tone="warning">{decision.error.message}</Notice> : <Loading />;
  }
  const d = decision.data;
  const home = d.kind === 'purpose' ? `/groups/${d.groupId}/purpose` : `/groups/${d.groupId}/life`;
  return (
    <Page title={d.kind === 'purpose' ? t('decision.purposePage') : t('decision.reviewPage')}>
      <DecisionPanel
        decision={d}
        {...(d.kind === 'review' ? { notePrompt: t('life.reflection') } : {})}
        onChange={decision.set}
      />
      <p>
        <a href={home}>{d.kind === 'purpose' ? t('decision.toPurpose') : t('decision.toLife')}</a>
      </p>
    </Page>
  );
}

export default function DecisionPage() {
  return (
    <RequireSignIn>
      <Decision />
    </RequireSignIn>
  );
}
