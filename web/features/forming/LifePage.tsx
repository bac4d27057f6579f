import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { REVIEW_OPTIONS, type ReviewOption } from '../../../core/domain/lifecycle';
import type { FieldErrors } from '../../../core/errors';
import type { LifecycleView } from '../../../core/protocol/lifecycle';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { formatDateTime } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { contributionsUrl, getLifecycle, proposeReview } from './api';
import { DecisionPanel } from './DecisionPanel';

function ReviewForm({
  view,
  onSaved,
}: {
  view: LifecycleView;
  onSaved: (v: LifecycleView) => void;
}) {
  const [option, setOption] = useState<ReviewOption | null>(null);
  const [planned, setPlanned] = useState(String(view.plannedMeetings ?? ''));
  const [changes, setChanges] = useState('');
  const form = useForm();
  const labels = {
    option: t('life.reviewChoose'),
    plannedMeetings: t('life.plannedNext'),
    changes: t('life.changes'),
  };
  return (
    <form
      class="card panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors => {
            if (!option) return { option: t('life.reviewChooseError') };
            if (option === 'change' && !changes.trim()) return { changes: t('life.changesNeeded') };
            if (option !== 'adjourn' && planned && !/^\d+$/.test(planned.trim()))
              return { plannedMeetings: t('life.plannedError') };
            return {};
          },
          async () => {
            if (!option) return;
            onSaved(
              await proposeReview(view.groupId, {
                option,
                ...(option !== 'adjourn'
                  ? { plannedMeetings: planned.trim() ? Number(planned) : null }
                  : {}),
                ...(option === 'change' ? { changes } : {}),
              }),
            );
          },
        );
      }}
    >
      <h2>{t('life.proposeTitle')}</h2>
      <p>{t('life.proposeLead')}</p>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <Choices
        name="option"
        legend={labels.option}
        options={REVIEW_OPTIONS.map((value) => ({
          value,
          label: t(`life.option.${value}`),
          hint: t(`life.option.${value}Hint`),
        }))}
        value={option}
        onChange={setOption}
      />
      {option && option !== 'adjourn' ? (
        <Field
          id="plannedMeetings"
          type="number"
          inputMode="numeric"
          min={1}
          max={104}
          label={labels.plannedMeetings}
          hint={t('life.plannedHint')}
          value={planned}
          onValue={setPlanned}
          error={form.fields.plannedMeetings}
        />
      ) : null}
      {option === 'change' ? (
        <Field
          id="changes"
          label={labels.changes}
          value={changes}
          onValue={setChanges}
          error={form.fields.changes}
          multiline
          rows={3}
        />
      ) : null}
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('life.proposeSend')}
      </button>
    </form>
  );
}

function Life() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const view = useLoad(() => getLifecycle(id), [id]);
  return (
    <Loaded state={view}>
      {(v) => (
        <Page title={t('life.title')} lead={<a href={`/groups/${v.groupId}`}>{v.groupName}</a>}>
          <section class="card panel" aria-labelledby="stage-title">
            <h2 id="stage-title">
              {t('life.now')} <span class={`badge stage-${v.stage}`}>{t(`stage.${v.stage}`)}</span>
            </h2>
            <p>{t(`stage.${v.stage}Hint`)}</p>
            <p>
              {v.reviewAt === null
                ? t('life.heldOngoing', { held: v.meetingsHeld })
                : t('life.held', { held: v.meetingsHeld, reviewAt: v.reviewAt })}
            </p>
          </section>
          {v.stage === 'review' ? (
            <section aria-labelledby="review-title">
              <h2 id="review-title">{t('life.reviewTitle')}</h2>
              <p class="reflection">{t('life.reflectionPrompt')}</p>
              {v.openReview ? (
                <DecisionPanel
                  decision={v.openReview}
                  notePrompt={t('life.reflection')}
                  onChange={() => void view.reload()}
                />
              ) : null}
              {v.can.proposeReview ? <ReviewForm view={v} onSaved={view.set} /> : null}
            </section>
          ) : null}
          {v.stage === 'adjourned' ? <Notice tone="info">{t('life.adjournedNote')}</Notice> : null}
          <section aria-labelledby="changes-title">
            <h2 id="changes-title">{t('life.history')}</h2>
            {v.changes.length === 0 ? (
              <p class="muted">{t('life.noChanges')}</p>
            ) : (
              <ol class="history">
                {v.changes.map((c) => (
                  <li key={`${c.at}-${c.to}`}>
                    <strong>
                      {t(`stage.${c.from}`)} → {t(`stage.${c.to}`)}
                    </strong>{' '}
                    <span class="muted small">
                      {formatDateTime(c.at)} ·{' '}
                      {c.by ? t('life.by', { name: c.by }) : t('life.byHearth')}
                    </span>
                    {c.reason ? (
                      <p class="small">
                        {t(`life.reason.${c.reason}`, { held: c.held ?? 0, note: c.note ?? '' })}
                      </p>
                    ) : c.note ? (
                      <p class="small">{c.note}</p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
          {v.pastReviews.length > 0 ? (
            <section aria-labelledby="past-title">
              <h2 id="past-title">{t('life.pastReviews')}</h2>
              {v.pastReviews.map((d) => (
                <DecisionPanel key={d.id} decision={d} onChange={() => void view.reload()} />
              ))}
            </section>
          ) : null}
          <section aria-labelledby="export-title">
            <h2 id="export-title">{t('life.exportTitle')}</h2>
            <p>{t('life.exportLead')}</p>
            <a class="button secondary" href={contributionsUrl(v.groupId)} download>
              {t('life.export')}
            </a>
          </section>
        </Page>
      )}
    </Loaded>
  );
}

export default function LifePage() {
  return (
    <RequireSignIn>
      <Life />
    </RequireSignIn>
  );
}
