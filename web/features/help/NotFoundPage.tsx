import { Page } from '../../components/Page';
import { t } from '../../i18n/t';

export default function NotFoundPage() {
  return (
    <div class="narrow">
      <Page title={t('notFound.title')} lead={t('notFound.text')}>
        <a class="button secondary" href="/">
          {t('notFound.home')}
        </a>
      </Page>
    </div>
  );
}
