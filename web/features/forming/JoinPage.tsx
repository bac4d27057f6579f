import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { FieldErrors } from '../../../core/errors';
import type { JoiningView } from '../../../core/protocol/joining';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import {
  applyToGroup,
  claimSeat,
  getJoining,
  joinGroup,
  joinWaitlist,
  leaveWaitlist,
  withdrawApplication,
} from './api';
import { Commitment, ConfirmCommitment } from './Commitment';

function ApplyForm({ view, onDone }: { view: JoiningView; onDone: () => Promise<void> }) {
  const [answers, setAnswers] = useState<Record<string, string>>(
    view.me.application?.status === 'withdrawn' ? view.me.application.answers : {},
  );
  const [confirmed, setConfirmed] = useState(false);
  const form = useForm();
  const labels: Record<string, string> = { confirm: t('join.confirmShort') };
  for (const q of view.questions) labels[`answers.${q.id}`] = q.prompt;
  return (
    <form
      class="card panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors => {
            const problems: FieldErrors = {};
            for (const q of view.questions) {
              if (q.required && !(answers[q.id] ?? '').trim())
                problems[`answers.${q.id}`] = t('join.answerNeeded');
            }
            if (!confirmed) problems.confirm = t('join.confirmNeeded');
            return problems;
          },
          async () => {
            await applyToGroup(view.groupId, answers);
            await onDone();
          },
        );
      }}
    >
      <h2>{t('join.applyTitle')}</h2>
      <p>{t('join.applyLead')}</p>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      {view.questions.map((q) =>
        q.kind === 'text' ? (
          <Field
            key={q.id}
            id={`answers.${q.id}`}
            label={q.required ? q.prompt : `${q.prompt} ${t('common.optional')}`}
            value={answers[q.id] ?? ''}
            onValue={(value) => setAnswers({ ...answers, [q.id]: value })}
            error={form.fields[`answers.${q.id}`]}
            multiline
            rows={3}
          />
        ) : (
          <fieldset
            key={q.id}
            class={`field choices compact${form.fields[`answers.${q.id}`] ? ' has-error' : ''}`}
            id={`answers.${q.id}`}
          >
            <legend>{q.required ? q.prompt : `${q.prompt} ${t('common.optional')}`}</legend>
            {form.fields[`answers.${q.id}`] ? (
              <p class="field-error">
                <span aria-hidden="true">⚠ </span>
                {form.fields[`answers.${q.id}`]}
              </p>
            ) : null}
            {q.choices.map((choice) => (
              <label class="choice" key={choice}>
                <input
                  type="radio"
                  name={`q-${q.id}`}
                  value={choice}
                  checked={answers[q.id] === choice}
                  onChange={() => setAnswers({ ...answers, [q.id]: choice })}
                />
                <span>{choice}</span>
              </label>
            ))}
          </fieldset>
        ),
      )}
      <ConfirmCommitment checked={confirmed} onChange={setConfirmed} error={form.fields.confirm} />
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('join.applySend')}
      </button>
    </form>
  );
}

function Join() {
  const { params } = useRoute();
  const location = useLocation();
  const id = params.id ?? '';
  const view = useLoad(() => getJoining(id), [id]);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Loaded state={view}>
      {(v) => {
        const group = `/groups/${v.groupId}`;
        const act = async (work: () => Promise<unknown>, needsConfirm: boolean, then?: string) => {
          if (needsConfirm && !confirmed) {
            setConfirmError(t('join.confirmNeeded'));
            document.getElementById('confirm')?.focus();
            return;
          }
          setBusy(true);
          try {
            await work();
            setProblem(null);
            if (then) location.route(then);
            else await view.reload();
          } catch (error) {
            setProblem(problemText(error));
            await view.reload();
          } finally {
            setBusy(false);
          }
        };
        const app = v.me.application;
        const full = v.seatsLeft === 0;

        // Someone already in the queue, offered a seat or waiting on an application sees that first.
        const statusFirst = ['offered', 'waitlisted', 'applied', 'member'].includes(v.me.state);
        const wayIn = (
          <section aria-labelledby="way-title" class="join-actions">
            <h2 id="way-title">{t('join.wayTitle')}</h2>
            {v.me.state === 'signed_out' ? (
              <>
                <p>{t('join.signInFirst')}</p>
                <p>
                  <a
                    class="button primary"
                    href={`/signin?next=${encodeURIComponent(`${group}/join`)}`}
                  >
                    {t('nav.signIn')}
                  </a>{' '}
                  <a
                    class="button secondary"
                    href={`/signup?next=${encodeURIComponent(`${group}/join`)}`}
                  >
                    {t('nav.signUp')}
                  </a>
                </p>
              </>
            ) : v.me.state === 'member' ? (
              <p>
                {t('join.alreadyMember')} <a href={group}>{t('join.toGroup')}</a>
              </p>
            ) : v.me.state === 'offered' && v.me.waitlist?.offerExpiresAt ? (
              <div class="card panel">
                <Notice tone="success">
                  {t('join.offered', { until: formatDateTime(v.me.waitlist.offerExpiresAt) })}
                </Notice>
                <button
                  type="button"
                  class="button primary"
                  disabled={busy}
                  onClick={() => void act(() => claimSeat(v.groupId), false, `${group}?welcome=1`)}
                >
                  {t('join.claim')}
                </button>{' '}
                <ConfirmButton
                  label={t('join.letGo')}
                  question={t('join.letGoConfirm')}
                  confirmLabel={t('join.letGoYes')}
                  onConfirm={() => act(() => leaveWaitlist(v.groupId), false)}
                />
              </div>
            ) : v.me.state === 'waitlisted' && v.me.waitlist ? (
              <div class="card panel">
                <p class="status-line">
                  {t('join.waiting', { position: v.me.waitlist.position, count: v.waitlistLength })}
                </p>
                <p class="muted small">{t('join.waitingHint')}</p>
                <ConfirmButton
                  label={t('join.leaveWaitlist')}
                  question={t('join.leaveWaitlistConfirm')}
                  confirmLabel={t('join.leaveWaitlistYes')}
                  onConfirm={() => act(() => leaveWaitlist(v.groupId), false)}
                />
              </div>
            ) : v.me.state === 'applied' && app ? (
              <div class="card panel">
                <p class="status-line">
                  {t('join.appliedOn', { date: formatDate(app.createdAt) })}
                </p>
                <p class="muted small">{t('join.appliedHint')}</p>
                <dl class="answers-list">
                  {v.questions
                    .filter((q) => app.answers[q.id])
                    .map((q) => (
                      <div key={q.id}>
                        <dt>{q.prompt}</dt>
                        <dd>{app.answers[q.id]}</dd>
                      </div>
                    ))}
                </dl>
                <ConfirmButton
                  label={t('join.withdraw')}
                  question={t('join.withdrawConfirm')}
                  confirmLabel={t('join.withdrawYes')}
                  onConfirm={() => act(() => withdrawApplication(app.id), false)}
                />
              </div>
            ) : (
              <>
                {app && app.status === 'declined' ? (
                  <Notice tone="info">
                    {t('join.declined')}
                    {app.message ? ` ${t('join.declinedMessage', { message: app.message })}` : ''}
                  </Notice>
                ) : null}
                {app?.closedReason ? (
                  <Notice tone="info">{t(`join.closed.${app.closedReason}`)}</Notice>
                ) : null}
                {v.stage === 'adjourned' ? null : v.visibility === 'closed' ? (
                  app?.status === 'declined' ? (
                    <>
                      <p>
                        <a href="/directory">{t('join.findAnother')}</a>
                      </p>
                      <details class="card panel">
                        <summary>{t('join.applyAgain')}</summary>
                        <ApplyForm view={v} onDone={view.reload} />
                      </details>
                    </>
                  ) : (
                    <ApplyForm view={v} onDone={view.reload} />
                  )
                ) : v.visibility === 'open' ? (
                  <div class="card panel">
                    {full ? <p>{t('join.fullLead', { count: v.waitlistLength })}</p> : null}
                    <ConfirmCommitment
                      checked={confirmed}
                      onChange={(value) => {
                        setConfirmed(value);
                        setConfirmError(undefined);
                      }}
                      error={confirmError}
                    />
                    <button
                      type="button"
                      class="button primary"
                      disabled={busy}
                      onClick={() =>
                        full
                          ? void act(() => joinWaitlist(v.groupId), true)
                          : void act(() => joinGroup(v.groupId), true, `${group}?welcome=1`)
                      }
                    >
                      {full ? t('join.joinWaitlist') : t('join.join')}
                    </button>
                  </div>
                ) : (
                  <p>{t('groupPage.closedNote')}</p>
                )}
              </>
            )}
          </section>
        );
        return (
          <Page title={t('join.title', { name: v.name })} lead={v.purpose ?? undefined}>
            {problem ? <Notice tone="warning">{problem}</Notice> : null}
            {v.stage === 'adjourned' ? <Notice tone="info">{t('join.adjourned')}</Notice> : null}
            {statusFirst ? wayIn : null}
            <Commitment view={v} />

            {statusFirst ? null : wayIn}
          </Page>
        );
      }}
    </Loaded>
  );
}

export default function JoinPage() {
  return <Join />;
}
