import { linkify } from '../../components/CrisisResources';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { settings } from '../../lib/session';

/** The privacy page's sections, in order: each a heading and its points. */
const SECTIONS = [
  {
    title: 'privacy.keepTitle',
    points: [
      'privacy.keep1',
      'privacy.keep2',
      'privacy.keep3',
      'privacy.keep4',
      'privacy.keep5',
      'privacy.keep6',
    ],
  },
  { title: 'privacy.whyTitle', points: ['privacy.why1', 'privacy.why2'] },
  {
    title: 'privacy.whoTitle',
    points: ['privacy.who1', 'privacy.who2', 'privacy.who3', 'privacy.who4'],
  },
  { title: 'privacy.longTitle', points: ['privacy.long1', 'privacy.long2', 'privacy.long3'] },
  {
    title: 'privacy.yoursTitle',
    points: ['privacy.yours1', 'privacy.yours2', 'privacy.yours3', 'privacy.yours4'],
  },
] as const;

/** What Hearth stores, why, for how long, who sees it, and how to get it or delete it. */
export default function PrivacyPage() {
  const contact = settings.value?.privacyContact;
  const site = settings.value?.deploymentName ?? 'Hearth';
  return (
    <div class="narrow privacy">
      <Page title={t('privacy.title', { site })} lead={t('privacy.lead')}>
        {SECTIONS.map((section) => (
          <section key={section.title}>
            <h2>{t(section.title)}</h2>
            <ul>
              {section.points.map((point) => (
                <li key={point}>{t(point)}</li>
              ))}
            </ul>
          </section>
        ))}
        <section>
          <h2>{t('privacy.contactTitle')}</h2>
          {contact ? (
            contact.split(/\n+/).map((line) => <p key={line}>{linkify(line)}</p>)
          ) : (
            <p>{t('privacy.noContact')}</p>
          )}
        </section>
        <p>
          <a href="/account">{t('privacy.toAccount')}</a>
        </p>
      </Page>
    </div>
  );
}
