import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { getEmailPreferences, replaceEmailLinks } from './api';
import { EmailChoices } from './EmailChoices';

/** Opened from the link at the foot of every mail: no sign-in needed. */
export default function EmailPreferencesPage() {
  const { params } = useRoute();
  const token = params.token ?? '';
  const view = useLoad(() => getEmailPreferences(token), [token]);
  const [replaced, setReplaced] = useState<string | null>(null);
  if (replaced) {
    return (
      <Page title={t('email.pageTitle')}>
        <Notice tone="success">{replaced}</Notice>
      </Page>
    );
  }
  return (
    <Page title={t('email.pageTitle')}>
      <Loaded state={view}>
        {(data) => (
          <>
            <EmailChoices view={data} token={token} />
            <section class="card panel" aria-labelledby="link-title">
              <h2 id="link-title">{t('email.linkTitle')}</h2>
              <p>{t('email.linkLead')}</p>
              <ConfirmButton
                label={t('email.replaceLink')}
                question={t('email.replaceConfirm')}
                confirmLabel={t('email.replaceYes')}
                onConfirm={async () => {
                  try {
                    await replaceEmailLinks(token);
                    setReplaced(t('email.replaced'));
                  } catch (error) {
                    setReplaced(problemText(error));
                  }
                }}
              />
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
