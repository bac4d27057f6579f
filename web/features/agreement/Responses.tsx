import type { ResponseView } from '../../../core/protocol/consent';
import { t } from '../../i18n/t';

/** Each member's response to a proposal, with their note; who has not responded says so. */
export function Responses({ responses }: { responses: ResponseView[] }) {
  return (
    <ul class="responses">
      {responses.map((r) => (
        <li key={r.userId}>
          <span class="response-name">{r.displayName}</span>
          <span class={`badge response-${r.response ?? 'none'}`}>
            {t(`proposal.response.${r.response ?? 'none'}`)}
          </span>
          {r.note ? <p class="small">“{r.note}”</p> : null}
        </li>
      ))}
    </ul>
  );
}
