import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  isAboveRecommended,
  MIN_GROUP_SIZE,
  RECOMMENDED_GROUP_SIZE,
} from '../../../core/domain/groupSize';
import { VISIBILITIES, type Visibility } from '../../../core/domain/membership';
import { countWords, PURPOSE_MAX_WORDS } from '../../../core/domain/purpose';
import type { FieldErrors } from '../../../core/errors';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { settings } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { createGroup } from './api';

function CreateGroup() {
  const location = useLocation();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('open');
  const [size, setSize] = useState(String(RECOMMENDED_GROUP_SIZE));
  const form = useForm();
  const max = settings.value?.sizeCapMax ?? 12;
  const words = countWords(purpose);
  const sizeNumber = Number(size);
  const labels = {
    name: t('create.name'),
    purpose: t('create.purpose'),
    description: t('create.description'),
    sizeCap: t('create.size'),
    visibility: t('create.visibility'),
  };

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (!name.trim()) problems.name = t('settings.nameNeeded');
    if (words > PURPOSE_MAX_WORDS)
      problems.purpose = t('purpose.tooLong', { max: PURPOSE_MAX_WORDS });
    if (!Number.isInteger(sizeNumber) || sizeNumber < MIN_GROUP_SIZE || sizeNumber > max) {
      problems.sizeCap = t('settings.sizeRange', { min: MIN_GROUP_SIZE, max });
    }
    return problems;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      const group = await createGroup({
        name,
        purpose: purpose.trim() || null,
        description: description.trim() || null,
        visibility,
        sizeCap: sizeNumber,
      });
      location.route(`/groups/${group.id}`);
    });
  };

  return (
    <div class="narrow">
      <Page title={t('create.title')}>
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <form onSubmit={onSubmit} noValidate>
          <Field
            id="name"
            label={labels.name}
            value={name}
            onValue={setName}
            error={form.fields.name}
            required
          />
          <Field
            id="purpose"
            label={labels.purpose}
            hint={t('create.purposeHint')}
            value={purpose}
            onValue={setPurpose}
            error={form.fields.purpose}
            status={{
              text: t(words > PURPOSE_MAX_WORDS ? 'create.wordsOver' : 'create.words', {
                count: words,
              }),
              warn: words > PURPOSE_MAX_WORDS,
            }}
          />
          <Field
            id="description"
            label={labels.description}
            hint={t('create.descriptionHint')}
            value={description}
            onValue={setDescription}
            error={form.fields.description}
            multiline
            rows={5}
          />
          <Choices
            name="visibility"
            legend={labels.visibility}
            options={VISIBILITIES.map((v) => ({
              value: v,
              label: t(`create.${v}`),
              hint: t(`create.${v}Hint`),
            }))}
            value={visibility}
            onChange={setVisibility}
          />
          <Field
            id="sizeCap"
            type="number"
            inputMode="numeric"
            label={labels.sizeCap}
            hint={`${t('create.sizeHint')} ${t('create.sizeMax', { max })}`}
            value={size}
            onValue={setSize}
            error={form.fields.sizeCap}
            min={MIN_GROUP_SIZE}
            max={max}
            status={
              isAboveRecommended(sizeNumber)
                ? { text: t('create.sizeLarge'), warn: true }
                : undefined
            }
          />
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('create.submit')}
          </button>
        </form>
      </Page>
    </div>
  );
}

export default function CreateGroupPage() {
  return (
    <RequireSignIn>
      <CreateGroup />
    </RequireSignIn>
  );
}
