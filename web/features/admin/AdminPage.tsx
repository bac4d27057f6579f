import { useState } from 'preact/hooks';
import { ABSOLUTE_SIZE_CAP_MAX, MIN_GROUP_SIZE } from '../../../core/domain/groupSize';
import type { FieldErrors } from '../../../core/errors';
import type { PublicSettings } from '../../../core/protocol/settings';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { me, settings } from '../../lib/session';
import { useForm } from '../../lib/useForm';
import { updateSettings } from './api';
import { Outbox } from './Outbox';

function SettingsForm({ current }: { current: PublicSettings }) {
  const [name, setName] = useState(current.deploymentName);
  const [crisis, setCrisis] = useState(current.crisisResources);
  const [sizeMax, setSizeMax] = useState(String(current.sizeCapMax));
  const [contact, setContact] = useState(current.privacyContact);
  const [saved, setSaved] = useState(false);
  const form = useForm();
  const labels = {
    deploymentName: t('admin.name'),
    crisisResources: t('admin.crisis'),
    sizeCapMax: t('admin.sizeMax'),
    privacyContact: t('admin.privacyContact'),
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    void form.submit(
      (): FieldErrors => {
        const n = Number(sizeMax);
        return Number.isInteger(n) && n >= MIN_GROUP_SIZE && n <= ABSOLUTE_SIZE_CAP_MAX
          ? {}
          : {
              sizeCapMax: t('admin.sizeMaxRange', {
                min: MIN_GROUP_SIZE,
                max: ABSOLUTE_SIZE_CAP_MAX,
              }),
            };
      },
      async () => {
        settings.value = await updateSettings({
          deploymentName: name,
          crisisResources: crisis,
          sizeCapMax: Number(sizeMax),
          privacyContact: contact,
        });
        setSaved(true);
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      {saved ? <Notice tone="success">{t('admin.saved')}</Notice> : null}
      <Field
        id="deploymentName"
        label={labels.deploymentName}
        value={name}
        onValue={setName}
        error={form.fields.deploymentName}
        required
      />
      <Field
        id="crisisResources"
        label={labels.crisisResources}
        hint={t('admin.crisisHint')}
        value={crisis}
        onValue={setCrisis}
        error={form.fields.crisisResources}
        multiline
        rows={8}
        required
      />
      <Field
        id="sizeCapMax"
        type="number"
        inputMode="numeric"
        label={labels.sizeCapMax}
        value={sizeMax}
        onValue={setSizeMax}
        error={form.fields.sizeCapMax}
        min={MIN_GROUP_SIZE}
        max={ABSOLUTE_SIZE_CAP_MAX}
      />
      <Field
        id="privacyContact"
        label={labels.privacyContact}
        hint={t('admin.privacyContactHint')}
        value={contact}
        onValue={setContact}
        error={form.fields.privacyContact}
        multiline
        rows={3}
      />
      <button class="button primary" type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('admin.save')}
      </button>
    </form>
  );
}

function Admin() {
  if (!me.value?.isAdmin)
    return (
      <Page title={t('admin.title')}>
        <Notice tone="warning">{t('admin.notAdmin')}</Notice>
      </Page>
    );
  return (
    <div class="narrow">
      <Page title={t('admin.title')} lead={t('admin.lead')}>
        {settings.value ? <SettingsForm current={settings.value} /> : <Loading />}
        <Outbox />
      </Page>
    </div>
  );
}

export default function AdminPage() {
  return (
    <RequireSignIn>
      <Admin />
    </RequireSignIn>
  );
}
