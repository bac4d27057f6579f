import { useState } from 'preact/hooks';
import { type ConsentResponse, responseProblem } from '../../../core/domain/consent';
import type { FieldErrors } from '../../../core/errors';
import type { GroupDecision } from '../../../core/protocol/decisions';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDate } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { ConsentFields } from '../agreement/ConsentFields';
import { Responses } from '../agreement/Responses';
import { respondToDecision, withdrawDecision } from './api';

/** What the group is deciding, in plain words. */
export function decisionTitle(d: GroupDecision): string {
  if (d.kind === 'purpose') return t('decision.purposeTitle', { purpose: d.purpose ?? '' });
  const review = d.review;
  if (!review) return '';
  if (review.option === 'adjourn') return t('decision.reviewAdjourn');
  const planned =
    review.plannedMeetings === null
      ? t('decision.ongoing')
      : t('decision.planned', { count: review.plannedMeetings });
  return review.option === 'continue'
    ? t('decision.reviewContinue', { planned })
    : t('decision.reviewChange', { planned, changes: review.changes ?? '' });
}

function Status({ d }: { d: GroupDecision }) {
  const when = formatDate(d.closedAt ?? d.createdAt);
  if (d.status === 'adopted')
    return <Notice tone="success">{t('decision.adopted', { date: when })}</Notice>;
  if (d.status === 'lapsed') return <p>{t('decision.lapsed')}</p>;
  if (d.status === 'withdrawn') return <p>{t('decision.withdrawn', { date: when })}</p>;
  const x = d.decision;
  return (
    <>
      <p>
        {t('decision.rule', {
          quorum: x.quorumNeeded,
          active: x.active,
          date: formatDate(d.deadlineAt),
        })}
      </p>
      {x.why === 'objection' ? (
        <Notice tone="warning">{t('decision.objection')}</Notice>
      ) : (
        <p>{t('decision.waiting', { agree: x.agree, aside: x.standAside, waiting: x.waiting })}</p>
      )}
    </>
  );
}

/**
 * One of the group's consent decisions (its purpose or its review): the proposal, where it
 * stands, everyone's responses, and the viewer's own response. `notePrompt` asks for a
 * reflection in a review.
 */
export function DecisionPanel({
  decision,
  notePrompt,
  onChange,
}: {
  decision: GroupDecision;
  notePrompt?: string;
  onChange: (d: GroupDecision) => void;
}) {
  const d = decision;
  const mine = d.responses.find((r) => r.response === d.myResponse && r.note);
  const [response, setResponse] = useState<ConsentResponse | null>(d.myResponse);
  const [note, setNote] = useState(mine?.note ?? '');
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm();
  const noteLabel =
    response === 'object' ? t('proposal.noteObject') : (notePrompt ?? t('proposal.note'));
  const headingId = `decision-${d.id}`;

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
        onChange(await respondToDecision(d.id, { response, ...(note.trim() ? { note } : {}) }));
        setSaved(true);
      },
    );
  };

  return (
    <section class="card panel decision" aria-labelledby={headingId}>
      <h3 id={headingId}>{decisionTitle(d)}</h3>
      <p class="muted small">
        {t('decision.by', {
          name: d.proposerName ?? t('decision.formerMember'),
          date: formatDate(d.createdAt),
        })}
      </p>
      <Status d={d} />
      {d.responses.length > 0 ? (
        <>
          <h4>{t('proposal.responses')}</h4>
          <Responses responses={d.responses} />
        </>
      ) : null}
      {d.can.respond ? (
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary
            message={form.message}
            fields={form.fields}
            labels={{ response: t('proposal.yourResponse'), note: noteLabel }}
          />
          {saved ? <Notice tone="success">{t('proposal.saved')}</Notice> : null}
          <ConsentFields
            name={`response-${d.id}`}
            noteId={`note-${d.id}`}
            response={response}
            onResponse={setResponse}
            note={note}
            onNote={setNote}
            noteLabel={noteLabel}
            noteError={form.fields.note}
          />
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('proposal.save')}
          </button>
        </form>
      ) : null}
      {d.can.withdraw ? (
        <ConfirmButton
          label={t('decision.withdraw')}
          question={t('decision.withdrawConfirm')}
          confirmLabel={t('proposal.withdrawYes')}
          onConfirm={async () => {
            try {
              onChange(await withdrawDecision(d.id));
            } catch (error) {
              setProblem(problemText(error));
            }
          }}
        />
      ) : null}
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
    </section>
  );
}
