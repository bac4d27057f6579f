import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AgreementOverview, ProposalSummary } from '../../../core/protocol/agreement';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { subjectText } from '../../i18n/subjectText';
import { t } from '../../i18n/t';
import { formatDate } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { AcknowledgeStep } from './AcknowledgeStep';
import { getAgreement } from './api';
import { DraftAgreement } from './DraftAgreement';
import { ProposeForm, type ProposeMode } from './ProposeForm';

function ProposalList({ groupId, proposals }: { groupId: string; proposals: ProposalSummary[] }) {
  if (proposals.length === 0) return <p class="muted">{t('agreement.noProposals')}</p>;
  return (
    <ul class="proposal-list">
      {proposals.map((p) => (
        <li key={p.id} class="card">
          <a href={`/groups/${groupId}/agreement/proposals/${p.id}`}>{subjectText(p)}</a>
          <p class="meta">
            <span class={`badge status-${p.status}`}>{t(`proposal.status.${p.status}`)}</span>
            {p.needsMyResponse ? (
              <span class="badge steward">{t('agreement.needsYou')}</span>
            ) : null}
            <span>{t('proposal.by', { name: p.proposerName, date: formatDate(p.createdAt) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

function Agreement() {
  const { params } = useRoute();
  const groupId = params.id ?? '';
  const overview = useLoad(() => getAgreement(groupId), [groupId]);
  return (
    <Loaded state={overview}>{(a) => <AgreementView a={a} reload={overview.reload} />}</Loaded>
  );
}

function AgreementView({ a, reload }: { a: AgreementOverview; reload: () => Promise<void> }) {
  const groupId = a.groupId;
  const [editing, setEditing] = useState<{ key: string; mode: ProposeMode } | null>(null);
  const [accepted, setAccepted] = useState<number | null>(null);
  const current = a.current;
  const open = a.proposals.filter((p) => p.status === 'open');
  const closed = a.proposals.filter((p) => p.status !== 'open');

  const suggest = (key: string, mode: ProposeMode) =>
    editing?.key === key ? (
      <ProposeForm groupId={groupId} mode={mode} onCancel={() => setEditing(null)} />
    ) : null;

  return (
    <Page title={t('agreement.title')} lead={t('agreement.lead')}>
      <p>
        <a href={`/groups/${groupId}`}>← {a.groupName}</a>
      </p>
      {accepted ? (
        <Notice tone="success">{t('agreement.acceptedNow', { number: accepted })}</Notice>
      ) : null}
      {!current ? (
        open.some((p) => p.kind === 'adopt') ? (
          <Notice>{t('agreement.adoptOpen')}</Notice>
        ) : (
          <DraftAgreement groupId={groupId} />
        )
      ) : (
        <section aria-labelledby="current-title">
          <h2 id="current-title">
            {t('agreement.version', {
              number: current.number,
              date: formatDate(current.createdAt),
            })}
          </h2>
          {a.needsAcknowledgement ? (
            <AcknowledgeStep
              agreement={a}
              onAccepted={() => {
                setAccepted(current.number);
                void reload();
              }}
            />
          ) : null}
          <ol class="agreement-items">
            {current.items.map((item) => (
              <li key={item.id}>
                <h3 id={`item-${item.id}`}>{item.title}</h3>
                <p>{item.text}</p>
                {a.can.propose &&
                editing?.key !== `amend-${item.id}` &&
                editing?.key !== `remove-${item.id}` ? (
                  // One quiet action per item; its two choices open only when asked for.
                  <details class="item-actions">
                    <summary aria-describedby={`item-${item.id}`}>
                      {t('agreement.suggestChange')}
                    </summary>
                    <div class="actions">
                      <button
                        type="button"
                        class="button secondary small"
                        aria-describedby={`item-${item.id}`}
                        onClick={() =>
                          setEditing({ key: `amend-${item.id}`, mode: { kind: 'amend', item } })
                        }
                      >
                        {t('agreement.suggestWording')}
                      </button>
                      <button
                        type="button"
                        class="button secondary small"
                        aria-describedby={`item-${item.id}`}
                        onClick={() =>
                          setEditing({ key: `remove-${item.id}`, mode: { kind: 'remove', item } })
                        }
                      >
                        {t('agreement.suggestRemove')}
                      </button>
                    </div>
                  </details>
                ) : null}
                {suggest(`amend-${item.id}`, { kind: 'amend', item })}
                {suggest(`remove-${item.id}`, { kind: 'remove', item })}
              </li>
            ))}
          </ol>
          {a.can.propose ? (
            editing?.key === 'add' ? (
              <section class="card panel" aria-label={t('agreement.suggestNew')}>
                <ProposeForm
                  groupId={groupId}
                  mode={{ kind: 'add' }}
                  onCancel={() => setEditing(null)}
                />
              </section>
            ) : (
              <button
                type="button"
                class="button secondary"
                onClick={() => setEditing({ key: 'add', mode: { kind: 'add' } })}
              >
                {t('agreement.suggestNew')}
              </button>
            )
          ) : null}
          {!a.needsAcknowledgement && a.myAcknowledgedVersion ? (
            <p class="muted">{t('agreement.accepted')}</p>
          ) : null}
        </section>
      )}

      <section aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t('agreement.proposals')}</h2>
        <ProposalList groupId={groupId} proposals={[...open, ...closed]} />
      </section>

      {a.versions.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('agreement.history')}</h2>
          <ul class="history">
            {a.versions.map((v) => (
              <li key={v.number}>
                <a href={`/groups/${groupId}/agreement/versions/${v.number}`}>
                  {t('agreement.versionLink', { number: v.number })}
                </a>
                <span class="muted">
                  {' '}
                  · {formatDate(v.createdAt)}
                  {v.proposerName
                    ? ` · ${t('proposal.by', { name: v.proposerName, date: formatDate(v.createdAt) })}`
                    : ''}
                </span>
                {v.reason ? <p class="small">{v.reason}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {a.acknowledgements && current ? (
        <section aria-labelledby="acks-title">
          <h2 id="acks-title">{t('agreement.who')}</h2>
          <ul class="acks">
            {a.acknowledgements.map((ack) => (
              <li key={ack.userId}>
                {ack.displayName}:{' '}
                {ack.version === current.number ? (
                  <span class="badge open">
                    ✓ {t('agreement.acceptedVersion', { number: ack.version })}
                  </span>
                ) : (
                  <span class="muted">
                    {ack.version
                      ? t('agreement.acceptedVersion', { number: ack.version })
                      : t('agreement.notYet')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

export default function AgreementPage() {
  return (
    <RequireSignIn>
      <Agreement />
    </RequireSignIn>
  );
}
