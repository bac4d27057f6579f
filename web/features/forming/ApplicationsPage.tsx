import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { ApplicationsForReview } from '../../../core/protocol/joining';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { ScrollTable } from '../../components/ScrollTable';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDate } from '../../lib/time';
import { useLoad } from '../../lib/useLoad';
import { decideApplication, listApplications } from './api';

type Item = ApplicationsForReview['items'][number];
type Mix = ApplicationsForReview['mix'];

/** The group's spread of answers to each mix question; with an applicant, how it changes. */
function MixTable({
  mix,
  caption,
  withApplicant,
}: {
  mix: Mix;
  caption: string;
  withApplicant: boolean;
}) {
  if (mix.length === 0) return null;
  return (
    <ScrollTable label={caption}>
      <table class="mix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apps.answer')}</th>
            <th scope="col">{t('apps.now')}</th>
            {withApplicant ? <th scope="col">{t('apps.withThem')}</th> : null}
          </tr>
        </thead>
        {mix.map((row) => (
          <tbody key={row.questionId}>
            <tr>
              <th scope="rowgroup" colSpan={withApplicant ? 3 : 2} class="mix-question">
                {row.prompt}
              </th>
            </tr>
            {row.counts.map((c) => {
              const changed = withApplicant && c.withApplicant !== c.members;
              return (
                <tr key={c.choice ?? '-'} class={changed ? 'changed' : undefined}>
                  <th scope="row">{c.choice ?? t('apps.notKnown')}</th>
                  <td>{c.members}</td>
                  {withApplicant ? (
                    <td>
                      {c.withApplicant}
                      {changed ? <span class="visually-hidden"> {t('apps.changed')}</span> : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </ScrollTable>
  );
}

function ApplicationCard({
  item,
  questions,
  onDecided,
}: {
  item: Item;
  questions: ApplicationsForReview['questions'];
  onDecided: (text: string) => Promise<void>;
}) {
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (outcome: 'accept' | 'decline' | 'waitlist') => {
    setBusy(true);
    try {
      await decideApplication(item.id, { outcome, ...(message.trim() ? { message } : {}) });
      await onDecided(t(`apps.done.${outcome}`, { name: item.applicant.displayName }));
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  const headingId = `app-${item.id}`;
  return (
    <li class="card panel application" aria-labelledby={headingId}>
      <h3 id={headingId}>{item.applicant.displayName}</h3>
      <p class="muted small">
        {t('apps.appliedOn', { date: formatDate(item.createdAt) })}
        {item.status === 'waitlisted' ? ` · ${t('apps.onWaitlist')}` : ''}
      </p>
      <dl class="answers-list">
        {questions
          .filter((q) => item.answers[q.id])
          .map((q) => (
            <div key={q.id}>
              <dt>{q.prompt}</dt>
              <dd>{item.answers[q.id]}</dd>
            </div>
          ))}
      </dl>
      <MixTable
        mix={item.mix}
        caption={t('apps.mixWith', { name: item.applicant.displayName })}
        withApplicant
      />
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <Field
        id={`message-${item.id}`}
        label={t('apps.message')}
        hint={t('apps.messageHint')}
        value={message}
        onValue={setMessage}
        multiline
        rows={2}
      />
      <div class="actions">
        <button
          type="button"
          class="button primary"
          disabled={busy}
          onClick={() => void decide('accept')}
        >
          {t('apps.accept')}
        </button>
        {item.status === 'pending' ? (
          <button
            type="button"
            class="button secondary"
            disabled={busy}
            onClick={() => void decide('waitlist')}
          >
            {t('apps.waitlist')}
          </button>
        ) : null}
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          onClick={() => void decide('decline')}
        >
          {t('apps.decline')}
        </button>
      </div>
    </li>
  );
}

function Applications() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const data = useLoad(() => listApplications(id), [id]);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Loaded state={data}>
      {(d) => (
        <Page title={t('apps.title')} lead={<a href={`/groups/${id}`}>{t('apps.back')}</a>}>
          <p>{t('apps.seats', { count: d.seatsLeft })}</p>
          {done ? (
            <p role="status" class="notice success">
              {done}
            </p>
          ) : null}
          <MixTable mix={d.mix} caption={t('apps.mixNow')} withApplicant={false} />
          {d.items.length === 0 ? (
            <p class="empty">{t('apps.none')}</p>
          ) : (
            <ul class="applications">
              {d.items.map((item) => (
                <ApplicationCard
                  key={item.id}
                  item={item}
                  questions={d.questions}
                  onDecided={async (text) => {
                    setDone(text);
                    await data.reload();
                  }}
                />
              ))}
            </ul>
          )}
        </Page>
      )}
    </Loaded>
  );
}

export default function ApplicationsPage() {
  return (
    <RequireSignIn>
      <Applications />
    </RequireSignIn>
  );
}
