import { useRoute } from 'preact-iso';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { getDecision } from './api';
import { DecisionPanel } from './DecisionPanel';

/** One decision, reached from a notification: respond here, or go to where it belongs. */
function Decision() {
  const { params } = useRoute();
  const id = params.decisionId ?? '';
  const decision = useLoad(() => getDecision(id), [id]);
  return (
    <Loaded state={decision}>
      {(d) => {
        const home =
          d.kind === 'purpose' ? `/groups/${d.groupId}/purpose` : `/groups/${d.groupId}/life`;
        return (
          <Page title={d.kind === 'purpose' ? t('decision.purposePage') : t('decision.reviewPage')}>
            <DecisionPanel
              decision={d}
              {...(d.kind === 'review' ? { notePrompt: t('life.reflection') } : {})}
              onChange={decision.set}
            />
            <p>
              <a href={home}>
                {d.kind === 'purpose' ? t('decision.toPurpose') : t('decision.toLife')}
              </a>
            </p>
          </Page>
        );
      }}
    </Loaded>
  );
}

export default function DecisionPage() {
  return (
    <RequireSignIn>
      <Decision />
    </RequireSignIn>
  );
}
