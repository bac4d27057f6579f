import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ReportList } from '../../../core/protocol/space';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import {
  addLanguage,
  getLanguage,
  getReports,
  removeLanguage,
  reviewHidden,
  settleReport,
} from './api';

type Report = ReportList['reports'][number];

function ReportCard({ report, onDone }: { report: Report; onDone: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const settle = async (outcome: 'hide' | 'keep') => {
    try {
      await settleReport(report.id, outcome, note);
      await onDone();
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <li class="card panel">
      <p class="meta">
        <strong>{t(`space.care.reason.${report.reason}`)}</strong>
        <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
        <a href={`/space/threads/${report.threadId}#post-${report.postId}`}>{report.threadTitle}</a>
      </p>
      {report.agreementItem ? (
        <blockquote class="quote">
          <p>
            <strong>{report.agreementItem.title}</strong>
          </p>
          <p>{report.agreementItem.text}</p>
        </blockquote>
      ) : null}
      {report.note ? <p>{t('space.care.reporterNote', { note: report.note })}</p> : null}
      <div class="reported-post">
        <p class="small muted">
          {t('space.care.wrote', { name: report.post.authorName ?? t('space.formerMember') })}
        </p>
        {report.post.deleted ? (
          <p class="muted">{t('space.deleted')}</p>
        ) : (
          // Rendered safely on the server (markdown-it, HTML off).
          <div class="post-body" dangerouslySetInnerHTML={{ __html: report.post.html }} />
        )}
      </div>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <div class="field">
        <label for={`hide-note-${report.id}`}>{t('space.care.noteToAuthor')}</label>
        <p class="hint">{t('space.care.noteHint')}</p>
        <textarea
          id={`hide-note-${report.id}`}
          rows={2}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="button" class="button primary" onClick={() => settle('hide')}>
          {t('space.care.hide')}
        </button>
        <button type="button" class="button secondary" onClick={() => settle('keep')}>
          {t('space.care.keep')}
        </button>
      </div>
    </li>
  );
}

function Language({ groupId }: { groupId: string }) {
  const list = useLoad(() => getLanguage(groupId), [groupId]);
  const [problem, setProblem] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const [why, setWhy] = useState('');
  const form = useForm();
  return (
    <section class="card panel">
      <h2>{t('space.care.languageTitle')}</h2>
      <p>{t('space.care.languageLead')}</p>
      <Loaded state={list}>
        {(l) =>
          l.entries.length === 0 ? (
            <p class="muted">{t('space.care.languageNone')}</p>
          ) : (
            <ul class="language-list">
              {l.entries.map((e) => (
                <li key={e.id}>
                  <span>
                    “{e.problem}” → “{e.suggestion}”
                  </span>{' '}
                  <button
                    type="button"
                    class="button link small"
                    onClick={async () => list.set(await removeLanguage(groupId, e.id))}
                  >
                    {t('space.care.languageRemove', { words: e.problem })}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(
            () => {
              const problems: Record<string, string> = {};
              if (problem.trim().length < 2) problems.problem = t('space.care.problemNeeded');
              if (!suggestion.trim()) problems.suggestion = t('space.care.suggestionNeeded');
              return problems;
            },
            async () => {
              list.set(await addLanguage(groupId, { problem, suggestion, why }));
              setProblem('');
              setSuggestion('');
              setWhy('');
            },
          );
        }}
      >
        <ErrorSummary message={form.message} fields={form.fields} />
        <Field
          id="problem"
          label={t('space.care.problem')}
          value={problem}
          onValue={setProblem}
          error={form.fields.problem}
        />
        <Field
          id="suggestion"
          label={t('space.care.suggestion')}
          value={suggestion}
          onValue={setSuggestion}
          error={form.fields.suggestion}
        />
        <Field
          id="why"
          label={t('space.care.why')}
          value={why}
          onValue={setWhy}
          error={form.fields.why}
        />
        <button type="submit" class="button secondary" disabled={form.busy}>
          {t('space.care.languageAdd')}
        </button>
      </form>
    </section>
  );
}

function Care({ groupId }: { groupId: string }) {
  const reports = useLoad(() => getReports(groupId), [groupId]);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div class="narrow">
      <Page title={t('space.care.title')}>
        <p>{t('space.care.lead')}</p>
        <Loaded state={reports}>
          {(r) => (
            <>
              <h2>{t('space.care.reports')}</h2>
              {r.reports.length === 0 ? (
                <p class="muted">{t('space.care.noReports')}</p>
              ) : (
                <ul class="cards">
                  {r.reports.map((report) => (
                    <ReportCard key={report.id} report={report} onDone={reports.reload} />
                  ))}
                </ul>
              )}
              <h2>{t('space.care.looks')}</h2>
              {problem ? <Notice tone="warning">{problem}</Notice> : null}
              {r.secondLooks.length === 0 ? (
                <p class="muted">{t('space.care.noLooks')}</p>
              ) : (
                <ul class="cards">
                  {r.secondLooks.map((look) => (
                    <li key={look.postId} class="card panel">
                      <p class="meta">
                        <strong>{look.authorName ?? t('space.formerMember')}</strong>
                        <a href={`/space/threads/${look.threadId}#post-${look.postId}`}>
                          {look.threadTitle}
                        </a>
                      </p>
                      {look.hiddenNote ? (
                        <p>{t('space.care.yourNote', { note: look.hiddenNote })}</p>
                      ) : null}
                      {look.note ? <p>{t('space.care.theirNote', { note: look.note })}</p> : null}
                      <div class="post-body" dangerouslySetInnerHTML={{ __html: look.html }} />
                      <div class="actions">
                        {([true, false] as const).map((show) => (
                          <button
                            key={String(show)}
                            type="button"
                            class={show ? 'button primary' : 'button secondary'}
                            onClick={async () => {
                              try {
                                await reviewHidden(look.postId, show);
                                await reports.reload();
                              } catch (error) {
                                setProblem(problemText(error));
                              }
                            }}
                          >
                            {show ? t('space.care.showAgain') : t('space.care.keepHidden')}
                          </button>
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Loaded>
        <Language groupId={groupId} />
        <p>
          <a href={`/groups/${groupId}/space`}>{t('space.backToSpace')}</a>
        </p>
      </Page>
    </div>
  );
}

export default function CarePage() {
  const { params } = useRoute();
  return (
    <RequireSignIn>
      <Care groupId={params.id ?? ''} />
    </RequireSignIn>
  );
}
