import { CrisisResources } from '../../components/CrisisResources';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';

/** Crisis resources, as the deployment's administrators wrote them. */
export default function HelpNowPage() {
  return (
    <div class="narrow help-now">
      <Page title={t('help.title')}>
        <CrisisResources />
      </Page>
    </div>
  );
}
