import { useRoute } from 'preact-iso';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { getEmailPreferences } from './api';
import { EmailChoices } from './EmailChoices';

/** Opened from the link at the foot of every mail: no sign-in needed. */
export default function EmailPreferencesPage() {
  const { params } = useRoute();
  const token = params.token ?? '';
  const view = useLoad(() => getEmailPreferences(token), [token]);
  return (
    <Page title={t('email.pageTitle')}>
      <Loaded state={view}>{(data) => <EmailChoices view={data} token={token} />}</Loaded>
    </Page>
  );
}
