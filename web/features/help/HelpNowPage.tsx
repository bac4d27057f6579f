import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { settings } from '../../lib/session';

/** Crisis resources, as the deployment's administrators wrote them. */
export default function HelpNowPage() {
  const text = settings.value?.crisisResources;
  return (
    <div class="narrow help-now">
      <Page title={t('help.title')}>
        {text ? (
          <div class="card panel">
            {text.split(/\n{2,}/).map((para) => (
              <p key={para}>{linkify(para)}</p>
            ))}
          </div>
        ) : (
          <Loading />
        )}
      </Page>
    </div>
  );
}

/** Phone numbers stay text (people read them out); web addresses become links. */
function linkify(text: string) {
  const parts = text.split(/(\b[a-z0-9.-]+\.(?:com|org|net|uk|ie|ca|au|nz|eu)\b(?:\/\S*)?)/gi);
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <a key={part} href={`https://${part}`} rel="noopener noreferrer">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
