import { settings } from '../lib/session';
import { Loading } from './Notice';

/**
 * The deployment's crisis resources, as its administrators wrote them: on the help page, and
 * wherever someone may need them at once (writing words that suggest risk, reporting a risk
 * of harm).
 */
export function CrisisResources() {
  const text = settings.value?.crisisResources;
  if (!text) return <Loading />;
  return (
    <div class="card panel crisis">
      {text.split(/\n{2,}/).map((para) => (
        <p key={para}>{linkify(para)}</p>
      ))}
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
