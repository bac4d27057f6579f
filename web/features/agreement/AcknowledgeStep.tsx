import { useState } from 'preact/hooks';
import type { AgreementOverview } from '../../../core/protocol/agreement';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { acknowledge } from './api';
import { DiffView } from './DiffView';

/**
 * Asks a member to accept the current version: the whole agreement the first time, and
 * after a change, what changed since the version they accepted.
 */
export function AcknowledgeStep({
  agreement,
  onAccepted,
  gate = false,
}: {
  agreement: AgreementOverview;
  onAccepted: () => void;
  gate?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = agreement.current;
  if (!current) return null;
  const accept = async () => {
    setBusy(true);
    try {
      await acknowledge(agreement.groupId, current.number);
      onAccepted();
    } catch (e) {
      setError(problemText(e));
      setBusy(false);
    }
  };
  const changes = agreement.changesSinceAcknowledged;
  return (
    <section class="card panel acknowledge" aria-labelledby="ack-title">
      <h2 id="ack-title">{gate ? t('agreement.gateTitle') : t('agreement.accept')}</h2>
      {gate ? <p>{changes ? t('agreement.gateLead') : t('agreement.gateFirst')}</p> : null}
      {changes ? (
        <>
          <p>{t('agreement.acceptedOlder', { number: agreement.myAcknowledgedVersion ?? 0 })}</p>
          <h3>{t('agreement.changesSince')}</h3>
          <DiffView diff={changes} />
        </>
      ) : gate ? (
        <ol class="agreement-items">
          {current.items.map((item) => (
            <li key={item.id}>
              <h3>{item.title}</h3>
              <p>{item.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {error ? <Notice tone="warning">{error}</Notice> : null}
      <button type="button" class="button primary" disabled={busy} onClick={() => void accept()}>
        {t('agreement.accept')}
      </button>
    </section>
  );
}
