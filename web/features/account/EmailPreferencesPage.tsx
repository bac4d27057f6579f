import { useRoute } from 'preact-iso';
import type { EmailPreferencesView } from '../../../core/protocol/meetings';
import { api } from '../../app/api';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n/t';
import { EmailChoices } from './EmailChoices';

/** Opened from the link at the foot of every mail: no sign-in needed. */
export default function EmailPreferencesPage() {
  const { params } = useRoute();
  const endpoint = `/api/email-preferences/${encodeURIComponent(params.token ?? '')}`;
  const view = useAsync(() => api<EmailPreferencesView>('GET', endpoint), [endpoint]);
  return (
    <Page title={t('email.pageTitle')}>
      {view.data ? (
        <EmailChoices view={view.data} endpoint={endpoint} />
      ) : view.error ? (
        <Notice tone="warning">{view.error.message}</Notice>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
