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

/**
 * Email and web addresses become links, and phone numbers tap-to-call links (shown as
 * written, so they can still be read out).
 */
export function linkify(text: string) {
  const parts = text.split(
    /(\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b[a-z0-9.-]+\.(?:com|org|net|uk|ie|ca|au|nz|eu)\b(?:\/\S*)?|(?<![\w/])\+?\d[\d -]{1,16}\d(?![\w/]))/gi,
  );
  return parts.map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.includes('@')) {
      return (
        <a key={`${part}-${i}`} href={`mailto:${part}`}>
          {part}
        </a>
      );
    }
    const digits = part.replace(/[ -]/g, '');
    if (/^\+?\d{3,15}$/.test(digits)) {
      return (
        <a key={`${part}-${i}`} href={`tel:${digits}`}>
          {part}
        </a>
      );
    }
    return (
      <a key={`${part}-${i}`} href={`https://${part}`} rel="noopener noreferrer">
        {part}
      </a>
    );
  });
}
