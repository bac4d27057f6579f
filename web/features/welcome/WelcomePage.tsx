import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { me } from '../../lib/session';

/** The front door: what Hearth is, and the way in. Signed-in people go to their groups. */
export function WelcomePage() {
  const location = useLocation();
  const signedIn = Boolean(me.value);
  useEffect(() => {
    if (signedIn) location.route('/groups', true);
  }, [signedIn, location]);
  return (
    <div class="welcome">
      <Page title={t('welcome.title')} lead={t('welcome.lead')}>
        {location.query.closed ? <Notice tone="success">{t('welcome.closed')}</Notice> : null}
        <p class="actions">
          <a class="button primary" href="/signup">
            {t('welcome.signUp')}
          </a>
          <a class="button secondary" href="/signin">
            {t('welcome.signIn')}
          </a>
        </p>
        <ul class="points">
          {(['1', '2', '3'] as const).map((n) => (
            <li key={n}>
              <h2>{t(`welcome.point${n}.title`)}</h2>
              <p>{t(`welcome.point${n}.text`)}</p>
            </li>
          ))}
        </ul>
        <p>
          <a href="/directory">{t('welcome.browse')}</a>
        </p>
      </Page>
    </div>
  );
}
