import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { isAboveRecommended, MIN_GROUP_SIZE } from '../../../core/domain/groupSize';
import {
  PEER_SUPPORT_QUESTIONS,
  PROFESSIONAL_QUESTIONS,
  type Question,
} from '../../../core/domain/joining';
import {
  type AgendaPhase,
  findTemplate,
  SESSION_TEMPLATES,
  templateAsAgenda,
} from '../../../core/domain/liveTemplates';
import { VENUE_KINDS, type VenueKind } from '../../../core/domain/meetings';
import { VISIBILITIES, type Visibility } from '../../../core/domain/membership';
import { RETENTION_DAYS } from '../../../core/domain/recordingLimits';
import type { FieldErrors } from '../../../core/errors';
import { type GroupDetail, MAX_TAGS } from '../../../core/protocol/groups';
import type { JoiningView } from '../../../core/protocol/joining';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { LANGUAGES, languageName } from '../../i18n/languages';
import { plural, t } from '../../i18n/t';
import { settings } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { getGroup, updateGroup } from '../groups/api';
import { CodebookEditor } from '../meetings/CodebookEditor';
import { getJoining } from './api';

interface DraftQuestion extends Omit<Question, 'choices'> {
  choices: string;
}

const toDraft = (q: Question): DraftQuestion => ({ ...q, choices: q.choices.join('\n') });
const fromDraft = (q: DraftQuestion): Question => ({
  ...q,
  choices:
    q.kind === 'choice'
      ? q.choices
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
});

function QuestionEditor({
  questions,
  onChange,
  errors,
}: {
  questions: DraftQuestion[];
  onChange: (qs: DraftQuestion[]) => void;
  errors: FieldErrors;
}) {
  const update = (i: number, patch: Partial<DraftQuestion>) =>
    onChange(questions.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  return (
    <fieldset class="field questions">
      <legend>{t('settings.questions')}</legend>
      <p class="hint">{t('settings.questionsHint')}</p>
      <ol>
        {questions.map((q, i) => (
          <li key={q.id} class="card question">
            <Field
              id={`questionnaire.${i}.prompt`}
              label={t('settings.questionPrompt', { n: i + 1 })}
              value={q.prompt}
              onValue={(prompt) => update(i, { prompt })}
              error={errors[`questionnaire.${i}.prompt`]}
            />
            <div class="field">
              <label for={`q-kind-${i}`}>{t('settings.questionKind')}</label>
              <select
                id={`q-kind-${i}`}
                value={q.kind}
                onChange={(e) => update(i, { kind: e.currentTarget.value as Question['kind'] })}
              >
                <option value="text">{t('settings.kindText')}</option>
                <option value="choice">{t('settings.kindChoice')}</option>
              </select>
            </div>
            {q.kind === 'choice' ? (
              <Field
                id={`questionnaire.${i}.choices`}
                label={t('settings.questionChoices')}
                hint={t('settings.questionChoicesHint')}
                value={q.choices}
                onValue={(choices) => update(i, { choices })}
                error={errors[`questionnaire.${i}.choices`]}
                multiline
                rows={4}
              />
            ) : null}
            <label class="check">
              <input
                type="checkbox"
                checked={q.required}
                onChange={(e) => update(i, { required: e.currentTarget.checked })}
              />{' '}
              {t('settings.questionRequired')}
            </label>
            {q.kind === 'choice' ? (
              <label class="check">
                <input
                  type="checkbox"
                  checked={q.mix}
                  onChange={(e) => update(i, { mix: e.currentTarget.checked })}
                />{' '}
                {t('settings.questionMix')}
              </label>
            ) : null}
            <button
              type="button"
              class="button secondary small"
              onClick={() => onChange(questions.filter((_, k) => k !== i))}
            >
              {t('settings.questionRemove', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <p>
        <button
          type="button"
          class="button secondary"
          onClick={() =>
            onChange([
              ...questions,
              {
                id: `q${Date.now().toString(36)}`,
                kind: 'text',
                prompt: '',
                required: false,
                choices: '',
                mix: false,
              },
            ])
          }
        >
          {t('settings.questionAdd')}
        </button>{' '}
        <button
          type="button"
          class="button secondary"
          onClick={() => onChange(PEER_SUPPORT_QUESTIONS.map(toDraft))}
        >
          {t('settings.questionsPeer')}
        </button>{' '}
        <button
          type="button"
          class="button secondary"
          onClick={() => onChange(PROFESSIONAL_QUESTIONS.map(toDraft))}
        >
          {t('settings.questionsProfessional')}
        </button>
      </p>
    </fieldset>
  );
}

/** The group's own live-session agenda: parts in order, each a round or open, with minutes. */
function AgendaEditor({
  phases,
  onChange,
  errors,
}: {
  phases: AgendaPhase[] | null;
  onChange: (phases: AgendaPhase[] | null) => void;
  errors: FieldErrors;
}) {
  const [start, setStart] = useState(SESSION_TEMPLATES[0]?.id ?? '');
  const update = (i: number, patch: Partial<AgendaPhase>) =>
    onChange((phases ?? []).map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const total = (phases ?? []).reduce(
    (n, p) => n + (Number.isFinite(p.minutes) ? p.minutes : 0),
    0,
  );
  return (
    <fieldset class="field questions">
      <legend>{t('settings.agenda')}</legend>
      <p class="hint">{t('settings.agendaHint')}</p>
      {phases === null ? (
        <p class="muted">{t('settings.agendaNone')}</p>
      ) : (
        <ol>
          {phases.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are edited in place by position
            <li key={i} class="card question">
              <Field
                id={`sessionAgenda.${i}.title`}
                label={t('settings.agendaTitle', { n: i + 1 })}
                value={p.title}
                onValue={(title) => update(i, { title })}
                error={errors[`sessionAgenda.${i}.title`]}
              />
              <div class="field">
                <label for={`agenda-kind-${i}`}>{t('settings.agendaKind')}</label>
                <select
                  id={`agenda-kind-${i}`}
                  value={p.kind}
                  onChange={(e) =>
                    update(i, { kind: e.currentTarget.value as AgendaPhase['kind'] })
                  }
                >
                  <option value="round">{t('settings.agendaRound')}</option>
                  <option value="open">{t('settings.agendaOpen')}</option>
                </select>
              </div>
              <Field
                id={`sessionAgenda.${i}.minutes`}
                type="number"
                inputMode="numeric"
                min={1}
                max={480}
                label={t('settings.agendaMinutes')}
                value={Number.isFinite(p.minutes) ? String(p.minutes) : ''}
                onValue={(value) => update(i, { minutes: Number.parseInt(value, 10) })}
                error={errors[`sessionAgenda.${i}.minutes`]}
              />
              <Field
                id={`sessionAgenda.${i}.guide`}
                label={t('settings.agendaGuide')}
                value={p.guide}
                onValue={(guide) => update(i, { guide })}
              />
              <button
                type="button"
                class="button secondary small"
                onClick={() => onChange(phases.filter((_, k) => k !== i))}
              >
                {t('settings.agendaRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
      )}
      {phases ? <p class="small">{t('settings.agendaTotal', { minutes: total })}</p> : null}
      <p class="actions">
        {phases ? (
          <button
            type="button"
            class="button secondary"
            onClick={() =>
              onChange([...phases, { title: '', kind: 'open', minutes: 10, guide: '' }])
            }
          >
            {t('settings.agendaAdd')}
          </button>
        ) : null}
        <label class="visually-hidden" for="agenda-start">
          {t('settings.agendaStartFrom')}
        </label>
        <select id="agenda-start" value={start} onChange={(e) => setStart(e.currentTarget.value)}>
          {SESSION_TEMPLATES.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="button secondary"
          onClick={() => onChange(templateAsAgenda(findTemplate(start), 90))}
        >
          {t('settings.agendaStart')}
        </button>
        {phases ? (
          <button type="button" class="button secondary" onClick={() => onChange(null)}>
            {t('settings.agendaClear')}
          </button>
        ) : null}
      </p>
    </fieldset>
  );
}

function SettingsForm({ group, joining }: { group: GroupDetail; joining: JoiningView }) {
  const location = useLocation();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description ?? '');
  const [visibility, setVisibility] = useState<Visibility>(group.visibility);
  const [size, setSize] = useState(String(group.sizeCap));
  const [planned, setPlanned] = useState(
    group.plannedMeetings ? String(group.plannedMeetings) : '',
  );
  const [format, setFormat] = useState<VenueKind | ''>(group.format ?? '');
  const [area, setArea] = useState(group.area ?? '');
  const [language, setLanguage] = useState(group.language);
  const [tags, setTags] = useState(group.tags.join(', '));
  const [criteria, setCriteria] = useState(group.joiningCriteria ?? '');
  const [questions, setQuestions] = useState<DraftQuestion[]>(joining.questions.map(toDraft));
  const [agenda, setAgenda] = useState<AgendaPhase[] | null>(group.sessionAgenda);
  const [membersPropose, setMembersPropose] = useState(group.membersProposeSmallGroups);
  const [recordingDays, setRecordingDays] = useState(group.recordingRetentionDays);
  const form = useForm();
  const max = settings.value?.sizeCapMax ?? 12;
  const sizeNumber = Number(size);
  const labels: Record<string, string> = {
    name: t('create.name'),
    description: t('create.description'),
    visibility: t('create.visibility'),
    sizeCap: t('create.size'),
    plannedMeetings: t('settings.planned'),
    area: t('settings.area'),
    tags: t('settings.tags'),
    joiningCriteria: t('settings.criteria'),
  };
  (agenda ?? []).forEach((_, i) => {
    labels[`sessionAgenda.${i}.title`] = t('settings.agendaTitle', { n: i + 1 });
    labels[`sessionAgenda.${i}.minutes`] = t('settings.agendaMinutes');
  });
  questions.forEach((_, i) => {
    labels[`questionnaire.${i}.prompt`] = t('settings.questionPrompt', { n: i + 1 });
    labels[`questionnaire.${i}.choices`] = t('settings.questionChoices');
  });
  const tagList = tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors => {
            const problems: FieldErrors = {};
            if (!name.trim()) problems.name = t('settings.nameNeeded');
            if (!Number.isInteger(sizeNumber) || sizeNumber < MIN_GROUP_SIZE || sizeNumber > max)
              problems.sizeCap = t('settings.sizeRange', { min: MIN_GROUP_SIZE, max });
            if (planned.trim() && !/^\d+$/.test(planned.trim()))
              problems.plannedMeetings = t('life.plannedError');
            if (tagList.length > MAX_TAGS)
              problems.tags = t('settings.tagsTooMany', { max: MAX_TAGS });
            (agenda ?? []).forEach((p, i) => {
              if (!p.title.trim())
                problems[`sessionAgenda.${i}.title`] = t('settings.agendaTitleNeeded');
              if (!Number.isInteger(p.minutes) || p.minutes < 1)
                problems[`sessionAgenda.${i}.minutes`] = t('settings.agendaMinutesNeeded');
            });
            questions.forEach((q, i) => {
              if (!q.prompt.trim())
                problems[`questionnaire.${i}.prompt`] = t('settings.questionNeeded');
              if (q.kind === 'choice' && fromDraft(q).choices.length < 2)
                problems[`questionnaire.${i}.choices`] = t('settings.choicesNeeded');
            });
            return problems;
          },
          async () => {
            await updateGroup(group.id, {
              name,
              description: description.trim() || null,
              visibility,
              sizeCap: sizeNumber,
              plannedMeetings: planned.trim() ? Number(planned) : null,
              format: format || null,
              area: area.trim() || null,
              language,
              tags: tagList,
              joiningCriteria: criteria.trim() || null,
              questionnaire: questions.map(fromDraft),
              sessionAgenda: agenda && agenda.length > 0 ? agenda : null,
              membersProposeSmallGroups: membersPropose,
              recordingRetentionDays: recordingDays,
            });
            location.route(`/groups/${group.id}?saved=1`);
          },
        );
      }}
    >
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <h2>{t('settings.about')}</h2>
      <Field
        id="name"
        label={labels.name ?? ''}
        value={name}
        onValue={setName}
        error={form.fields.name}
        required
      />
      <Field
        id="description"
        label={labels.description ?? ''}
        hint={t('create.descriptionHint')}
        value={description}
        onValue={setDescription}
        error={form.fields.description}
        multiline
        rows={4}
      />
      <div class="field">
        <label for="format">{t('settings.format')}</label>
        <select
          id="format"
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as VenueKind | '')}
        >
          <option value="">{t('settings.formatUnset')}</option>
          {VENUE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`format.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="area"
        label={labels.area ?? ''}
        hint={t('settings.areaHint')}
        value={area}
        onValue={setArea}
        error={form.fields.area}
      />
      <div class="field">
        <label for="language">{t('settings.language')}</label>
        <select id="language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          {[...new Set([language, ...LANGUAGES])].map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="tags"
        label={labels.tags ?? ''}
        hint={t('settings.tagsHint')}
        value={tags}
        onValue={setTags}
        error={form.fields.tags}
      />

      <h2>{t('settings.commitment')}</h2>
      <Field
        id="plannedMeetings"
        type="number"
        inputMode="numeric"
        min={1}
        max={104}
        label={labels.plannedMeetings ?? ''}
        hint={t('settings.plannedHint')}
        value={planned}
        onValue={setPlanned}
        error={form.fields.plannedMeetings}
      />
      <Field
        id="sizeCap"
        type="number"
        inputMode="numeric"
        label={labels.sizeCap ?? ''}
        hint={`${t('create.sizeHint')} ${t('create.sizeMax', { max })}`}
        value={size}
        onValue={setSize}
        error={form.fields.sizeCap}
        min={MIN_GROUP_SIZE}
        max={max}
        status={
          isAboveRecommended(sizeNumber) ? { text: t('create.sizeLarge'), warn: true } : undefined
        }
      />

      <h2>{t('settings.sessions')}</h2>
      <AgendaEditor phases={agenda} onChange={setAgenda} errors={form.fields} />
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={membersPropose}
            aria-describedby="membersPropose-hint"
            onChange={(e) => setMembersPropose(e.currentTarget.checked)}
          />{' '}
          {t('settings.membersPropose')}
        </label>
        <p class="hint" id="membersPropose-hint">
          {t('settings.membersProposeHint')}
        </p>
      </div>
      <div class="field">
        <label for="recordingDays">{t('settings.recordingDays')}</label>
        <select
          id="recordingDays"
          value={String(recordingDays)}
          aria-describedby="recordingDays-hint"
          onChange={(e) => setRecordingDays(Number(e.currentTarget.value))}
        >
          {RETENTION_DAYS.map((days) => (
            <option key={days} value={String(days)}>
              {plural('settings.recordingDaysOption', days)}
            </option>
          ))}
        </select>
        <p class="hint" id="recordingDays-hint">
          {t('settings.recordingDaysHint')}
        </p>
      </div>

      <h2>{t('settings.joining')}</h2>
      <Choices
        name="visibility"
        legend={labels.visibility ?? ''}
        options={VISIBILITIES.map((v) => ({
          value: v,
          label: t(`create.${v}`),
          hint: t(`create.${v}Hint`),
        }))}
        value={visibility}
        onChange={setVisibility}
      />
      {visibility === 'closed' ? (
        <>
          <Field
            id="joiningCriteria"
            label={labels.joiningCriteria ?? ''}
            hint={t('settings.criteriaHint')}
            value={criteria}
            onValue={setCriteria}
            error={form.fields.joiningCriteria}
            multiline
            rows={4}
          />
          <QuestionEditor questions={questions} onChange={setQuestions} errors={form.fields} />
        </>
      ) : null}
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('settings.save')}
      </button>
    </form>
  );
}

function Settings() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const both = useLoad(() => Promise.all([getGroup(id), getJoining(id)]), [id]);
  return (
    <Loaded state={both}>
      {([group, joining]) =>
        group.can.edit ? (
          <div class="narrow">
            <Page title={t('settings.title')} lead={<a href={`/groups/${id}`}>{group.name}</a>}>
              <SettingsForm group={group} joining={joining} />
              <CodebookEditor groupId={id} />
            </Page>
          </div>
        ) : (
          <Notice tone="warning">{t('settings.stewardsOnly')}</Notice>
        )
      }
    </Loaded>
  );
}

export default function SettingsPage() {
  return (
    <RequireSignIn>
      <Settings />
    </RequireSignIn>
  );
}
