import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { type ConsentResponse, responseProblem } from '../../../core/domain/consent';
import type { FieldErrors } from '../../../core/errors';
import type { ProposalDetail } from '../../../core/protocol/agreement';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { subjectText } from '../../i18n/subjectText';
import { plural, t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { AgreementDraftForm } from './AgreementDraftForm';
import { close, getProposal, respond, revise, withdraw } from './api';
import { ConsentFields } from './ConsentFields';
import { DiffView } from './DiffView';
import { ProposeForm } from './ProposeForm';
import { Responses } from './Responses';

/** In plain words: what the rule says, where things stand, and what happens next. */
function WhatNext({ p }: { p: ProposalDetail }) {
  const d = p.decision;
  const objector = p.responses.find((r) => r.response === 'object');
  if (p.status === 'adopted')
    return (
      <p>
        {t('proposal.adopted', {
          date: formatDate(p.closedAt ?? p.createdAt),
          number: p.resultVersion ?? 0,
        })}
      </p>
    );
  if (p.status === 'lapsed') return <p>{t('proposal.lapsed')}</p>;
  if (p.status === 'withdrawn')
    return (
      <p>
        {t('proposal.withdrawnText', {
          name: p.proposerName,
          date: formatDate(p.closedAt ?? p.createdAt),
        })}
      </p>
    );
  if (p.status === 'not_adopted') {
    if (p.closeReason) return <p>{t(`proposal.closeReason.${p.closeReason}`)}</p>;
    return p.closeNote && p.closedAt ? (
      <p>{t('proposal.closedText', { date: formatDate(p.closedAt), note: p.closeNote })}</p>
    ) : (
      <p>{t('proposal.notAdoptedText', { note: p.closeNote ?? '' })}</p>
    );
  }
  return (
    <>
      <p>
        {t('proposal.rule', {
          quorum: d.quorumNeeded,
          active: d.active,
          date: formatDateTime(p.deadlineAt),
        })}
      </p>
      {d.why === 'objection' && objector ? (
        <Notice tone="warning">{t('proposal.objection', { name: p.proposerName })}</Notice>
      ) : (
        <p>{plural('proposal.waiting', d.waiting, { agree: d.agree, aside: d.standAside })}</p>
      )}
    </>
  );
}

function RespondForm({ p, onSaved }: { p: ProposalDetail; onSaved: (p: ProposalDetail) => void }) {
  const mine = p.responses.find((r) => r.response && r.response === p.myResponse);
  const [response, setResponse] = useState<ConsentResponse | null>(p.myResponse);
  const [note, setNote] = useState(mine?.note ?? '');
  const [saved, setSaved] = useState(false);
  const form = useForm();
  const labels = {
    response: t('proposal.yourResponse'),
    note: response === 'object' ? t('proposal.noteObject') : t('proposal.note'),
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    void form.submit(
      (): FieldErrors => {
        if (!response) return { response: t('decision.choose') };
        if (responseProblem(response, note)) return { note: t('field.objection_needs_reason') };
        return {};
      },
      async () => {
        if (!response) return;
        onSaved(await respond(p.groupId, p.id, { response, ...(note.trim() ? { note } : {}) }));
        setSaved(true);
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate class="card panel">
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      {saved ? <Notice tone="success">{t('proposal.saved')}</Notice> : null}
      <ConsentFields
        name="response"
        noteId="note"
        response={response}
        onResponse={setResponse}
        note={note}
        onNote={setNote}
        noteLabel={labels.note}
        noteError={form.fields.note}
      />
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('proposal.save')}
      </button>
    </form>
  );
}

function CloseForm({ p, onDone }: { p: ProposalDetail; onDone: (p: ProposalDetail) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="card panel">
      <Field
        id="close-note"
        label={t('proposal.closeNote')}
        value={note}
        onValue={setNote}
        error={error ?? undefined}
        multiline
        rows={2}
      />
      <ConfirmButton
        label={t('proposal.close')}
        question={t('proposal.closeNote')}
        confirmLabel={t('proposal.closeYes')}
        onConfirm={async () => {
          if (!note.trim()) {
            setError(t('proposal.closeNoteNeeded'));
            return;
          }
          try {
            onDone(await close(p.groupId, p.id, note));
          } catch (e) {
            setError(problemText(e));
          }
        }}
      />
    </div>
  );
}

function Proposal() {
  const { params } = useRoute();
  const groupId = params.id ?? '';
  const proposalId = params.proposalId ?? '';
  const proposal = useLoad(() => getProposal(groupId, proposalId), [groupId, proposalId]);
  return <Loaded state={proposal}>{(p) => <ProposalView p={p} onChange={proposal.set} />}</Loaded>;
}

/** A proposal: why, what it changes, where the decision stands, and what one can do. */
function ProposalView({
  p,
  onChange,
}: {
  p: ProposalDetail;
  onChange: (p: ProposalDetail) => void;
}) {
  const groupId = p.groupId;
  const proposal = { set: onChange };
  const [revising, setRevising] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const change = p.change;
  const reviseMode =
    change.kind === 'amend'
      ? { kind: 'amend' as const, item: change.item }
      : change.kind === 'add'
        ? { kind: 'add' as const }
        : null;

  return (
    <Page title={subjectText(p)}>
      <p>
        <a href={`/groups/${groupId}/agreement`}>← {t('proposal.back')}</a>
      </p>
      <p class="meta">
        <span class={`badge status-${p.status}`}>{t(`proposal.status.${p.status}`)}</span>
        <span>{t('proposal.by', { name: p.proposerName, date: formatDate(p.createdAt) })}</span>
        {p.round > 1 ? <span>{t('proposal.round', { number: p.round })}</span> : null}
      </p>
      {message ? <Notice tone="warning">{message}</Notice> : null}
      <section aria-labelledby="why-title">
        <h2 id="why-title">{t('proposal.reason')}</h2>
        <p>{p.reason}</p>
      </section>
      <section aria-labelledby="change-title">
        <h2 id="change-title">{t('proposal.change')}</h2>
        <DiffView diff={p.preview} />
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('proposal.next')}</h2>
        <WhatNext p={p} />
      </section>
      {p.can.respond ? (
        <RespondForm key={p.round} p={p} onSaved={(next) => proposal.set(next)} />
      ) : null}
      <section aria-labelledby="responses-title">
        <h2 id="responses-title">{t('proposal.responses')}</h2>
        <Responses responses={p.responses} />
      </section>
      {p.can.revise && (reviseMode || change.kind === 'adopt') ? (
        revising ? (
          <section class="card panel" aria-labelledby="revise-title">
            <h2 id="revise-title">{t('proposal.revise')}</h2>
            <p class="hint">{t('proposal.reviseHint')}</p>
            {change.kind === 'adopt' ? (
              <AgreementDraftForm
                initialItems={change.items}
                initialReason={p.reason}
                submitLabel={t('proposal.sendRevision')}
                onCancel={() => setRevising(false)}
                onSubmit={async (items, reason) => {
                  const next = await revise(groupId, p.id, {
                    change: { kind: 'adopt', items },
                    reason,
                  });
                  setRevising(false);
                  proposal.set(next);
                }}
              />
            ) : reviseMode ? (
              <ProposeForm
                groupId={groupId}
                mode={reviseMode}
                onCancel={() => setRevising(false)}
                revising={{
                  proposalId: p.id,
                  reason: p.reason,
                  onDone: (next) => {
                    setRevising(false);
                    proposal.set(next);
                  },
                }}
              />
            ) : null}
          </section>
        ) : (
          <p>
            <button type="button" class="button secondary" onClick={() => setRevising(true)}>
              {t('proposal.revise')}
            </button>
          </p>
        )
      ) : null}
      {p.can.withdraw ? (
        <ConfirmButton
          label={t('proposal.withdraw')}
          question={t('proposal.withdrawConfirm')}
          confirmLabel={t('proposal.withdrawYes')}
          onConfirm={async () => {
            try {
              proposal.set(await withdraw(groupId, p.id));
            } catch (e) {
              setMessage(problemText(e));
            }
          }}
        />
      ) : null}
      {p.can.close ? <CloseForm p={p} onDone={(next) => proposal.set(next)} /> : null}
      {p.earlierRounds.length > 0 ? (
        <section aria-labelledby="earlier-title">
          <h2 id="earlier-title">{t('proposal.earlier')}</h2>
          {p.earlierRounds.map((r) => (
            <details key={r.round} class="card panel">
              <summary>{t('proposal.round', { number: r.round })}</summary>
              {r.change.kind === 'add' || r.change.kind === 'amend' ? (
                <p>
                  <strong>{r.change.item.title}</strong>: {r.change.item.text}
                </p>
              ) : null}
              <p>
                {t('proposal.reason')}: {r.reason}
              </p>
              <Responses responses={r.responses} />
            </details>
          ))}
        </section>
      ) : null}
    </Page>
  );
}

export default function ProposalPage() {
  return (
    <RequireSignIn>
      <Proposal />
    </RequireSignIn>
  );
}
