import { t } from '../i18n/t';
import { Page } from './Page';

/** What a page shows when what it was asked for is not there (or not the viewer's to see). */
export function NotFound() {
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
