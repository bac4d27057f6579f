import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { countWords, PURPOSE_MAX_WORDS } from '../../../core/domain/purpose';
import type { FieldErrors } from '../../../core/errors';
import type { PurposeView } from '../../../core/protocol/purpose';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDate } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { answerPurpose, askForPurpose, draftPurpose, getPurpose } from './api';
import { DecisionPanel } from './DecisionPanel';

function AnswerForm({ view, onSaved }: { view: PurposeView; onSaved: (v: PurposeView) => void }) {
  const [answer, setAnswer] = useState(view.myAnswer ?? '');
  const [saved, setSaved] = useState(false);
  const form = useForm();
  return (
    <form
      class="card panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void form.submit(
          (): FieldErrors => (answer.trim() ? {} : { answer: t('purpose.answerNeeded') }),
          async () => {
            onSaved(await answerPurpose(view.groupId, answer));
            setSaved(true);
          },
        );
      }}
    >
      <h2>{t('purpose.askTitle')}</h2>
      <ErrorSummary
        message={form.message}
        fields={form.fields}
        labels={{ answer: t('purpose.answerLabel') }}
      />
      {saved ? <Notice tone="success">{t('purpose.answerSaved')}</Notice> : null}
      <Field
        id="answer"
        label={t('purpose.answerLabel')}
        hint={t('purpose.answerHint')}
        value={answer}
        onValue={setAnswer}
        error={form.fields.answer}
        multiline
        rows={3}
      />
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('purpose.answerSave')}
      </button>
    </form>
  );
}

/** The steward's view of the round: answers side by side, with what they share marked. */
function Collation({ view }: { view: PurposeView }) {
  if (!view.answers) return null;
  return (
    <section aria-labelledby="collation-title" class="collation">
      <h2 id="collation-title">
        {t('purpose.answersTitle', { count: view.answerCount, members: view.memberCount })}
      </h2>
      {view.answers.length === 0 ? (
        <p class="muted">{t('purpose.noAnswers')}</p>
      ) : (
        <>
          {view.shared && view.shared.length > 0 ? (
            <>
              <h3>{t('purpose.sharedTitle')}</h3>
              <ul class="shared-terms">
                {view.shared.map((s) => (
                  <li key={s.term}>
                    <mark>{s.term}</mark>{' '}
                    <span class="muted small">{t('purpose.inAnswers', { count: s.answers })}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">{t('purpose.nothingShared')}</p>
          )}
          <ul class="answers">
            {view.answers.map((a) => (
              <li key={a.displayName} class="card">
                <p class="answer-text">
                  {a.pieces.map((p, i) =>
                    p.term ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for a render
                      <mark key={i}>{p.text}</mark>
                    ) : (
                      p.text
                    ),
                  )}
                </p>
                <p class="muted small">{a.displayName}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DraftForm({ view, onSaved }: { view: PurposeView; onSaved: (v: PurposeView) => void }) {
  const [purpose, setPurpose] = useState('');
  const form = useForm();
  const words = countWords(purpose);
  return (
    <form
      class="card panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors =>
            !purpose.trim()
              ? { purpose: t('purpose.draftNeeded') }
              : words > PURPOSE_MAX_WORDS
                ? { purpose: t('purpose.tooLong', { max: PURPOSE_MAX_WORDS }) }
                : {},
          async () => {
            onSaved(await draftPurpose(view.groupId, purpose));
            setPurpose('');
          },
        );
      }}
    >
      <h2>{t('purpose.draftTitle')}</h2>
      <p>{t('purpose.draftLead')}</p>
      <ErrorSummary
        message={form.message}
        fields={form.fields}
        labels={{ purpose: t('purpose.draftLabel') }}
      />
      <Field
        id="purpose"
        label={t('purpose.draftLabel')}
        value={purpose}
        onValue={setPurpose}
        error={form.fields.purpose}
        status={{
          text: t('purpose.wordCount', { count: words, max: PURPOSE_MAX_WORDS }),
          warn: words > PURPOSE_MAX_WORDS,
        }}
      />
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('purpose.draftSend')}
      </button>
    </form>
  );
}

function Purpose() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const view = useLoad(() => getPurpose(id), [id]);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Loaded state={view}>
      {(v) => {
        const ask = async () => {
          try {
            view.set(await askForPurpose(v.groupId));
            setProblem(null);
          } catch (error) {
            setProblem(problemText(error));
          }
        };
        return (
          <Page
            title={t('purpose.title')}
            lead={<a href={`/groups/${v.groupId}`}>{v.groupName}</a>}
          >
            <section class="card panel purpose-now" aria-labelledby="now-title">
              <h2 id="now-title">{t('purpose.current')}</h2>
              {v.current ? (
                <p class="purpose-big">{v.current}</p>
              ) : (
                <p class="muted">{t('purpose.none')}</p>
              )}
            </section>
            {problem ? <Notice tone="warning">{problem}</Notice> : null}
            {v.askedAt ? (
              <p>
                {t('purpose.asking', {
                  date: formatDate(v.askedAt),
                  count: v.answerCount,
                  members: v.memberCount,
                })}
              </p>
            ) : null}
            {v.can.answer ? <AnswerForm view={v} onSaved={view.set} /> : null}
            {v.can.ask ? (
              <p>
                {v.askedAt ? (
                  <ConfirmButton
                    label={t('purpose.askAgain')}
                    question={t('purpose.askAgainConfirm')}
                    confirmLabel={t('purpose.askAgainYes')}
                    onConfirm={ask}
                  />
                ) : (
                  <button type="button" class="button secondary" onClick={() => void ask()}>
                    {t('purpose.ask')}
                  </button>
                )}
              </p>
            ) : null}
            <Collation view={v} />
            {v.openDecision ? (
              <section aria-labelledby="open-title">
                <h2 id="open-title">{t('purpose.openTitle')}</h2>
                <DecisionPanel decision={v.openDecision} onChange={() => void view.reload()} />
              </section>
            ) : null}
            {v.can.draft ? <DraftForm view={v} onSaved={view.set} /> : null}
            {v.lastDecision && !v.openDecision ? (
              <section aria-labelledby="last-title">
                <h2 id="last-title">{t('purpose.lastTitle')}</h2>
                <DecisionPanel decision={v.lastDecision} onChange={() => void view.reload()} />
              </section>
            ) : null}
            {v.history.length > 0 ? (
              <section aria-labelledby="history-title">
                <h2 id="history-title">{t('purpose.history')}</h2>
                <ol class="history">
                  {v.history.map((h) => (
                    <li key={h.version}>
                      <strong>{h.purpose}</strong>{' '}
                      <span class="muted small">
                        {t('purpose.adoptedOn', { date: formatDate(h.adoptedAt) })}
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </Page>
        );
      }}
    </Loaded>
  );
}

export default function PurposePage() {
  return (
    <RequireSignIn>
      <Purpose />
    </RequireSignIn>
  );
}
