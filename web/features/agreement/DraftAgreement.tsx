import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { FieldErrors } from '../../../core/errors';
import type { ProposalDetail, TemplateList } from '../../../core/protocol/agreement';
import { api } from '../../app/api';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Notice';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { t } from '../../i18n/t';
import { type ItemDraft, ItemFields, itemProblems } from './ItemFields';

/** A group with no agreement yet: choose a template, make it the group's own, propose it. */
export function DraftAgreement({ groupId }: { groupId: string }) {
  const location = useLocation();
  const templates = useAsync(() => api<TemplateList>('GET', '/api/agreement-templates'), []);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [items, setItems] = useState<ItemDraft[]>([]);
  const [reason, setReason] = useState('');
  const form = useForm();

  useEffect(() => {
    const first = templates.data?.items[0];
    if (first && templateKey === null) {
      setTemplateKey(first.key);
      setItems(first.items.map((i) => ({ ...i })));
    }
  }, [templates.data, templateKey]);

  if (!templates.data) return <Loading />;
  const choose = (key: string) => {
    const template = templates.data?.items.find((x) => x.key === key);
    if (!template) return;
    setTemplateKey(key);
    setItems(template.items.map((i) => ({ ...i })));
  };

  const labels: Record<string, string> = { reason: t('agreement.reason') };
  items.forEach((_, i) => {
    labels[`item-${i}-title`] =
      `${t('agreement.itemNumber', { number: i + 1 })}: ${t('agreement.itemTitle')}`;
    labels[`item-${i}-text`] =
      `${t('agreement.itemNumber', { number: i + 1 })}: ${t('agreement.itemText')}`;
  });

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    items.forEach((item, i) => {
      const p = itemProblems(item);
      if (p.title) problems[`item-${i}-title`] = p.title;
      if (p.text) problems[`item-${i}-text`] = p.text;
    });
    if (items.length === 0) problems.items = 'An agreement needs at least one item.';
    if (!reason.trim()) problems.reason = 'Say why you propose this.';
    return problems;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      const proposal = await api<ProposalDetail>(
        'POST',
        `/api/groups/${groupId}/agreement/proposals`,
        {
          change: { kind: 'adopt', items: items.map(({ title, text }) => ({ title, text })) },
          reason,
        },
      );
      location.route(`/groups/${groupId}/agreement/proposals/${proposal.id}`);
    });
  };

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">{t('agreement.none')}</h2>
      <p>{t('agreement.noneLead')}</p>
      <Choices
        name="template"
        legend={t('agreement.template')}
        options={templates.data.items.map((x) => ({
          value: x.key,
          label: x.name,
          hint: x.description,
        }))}
        value={templateKey}
        onChange={choose}
      />
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
        <h3>{t('agreement.draftTitle')}</h3>
        <ol class="draft-items">
          {items.map((item, i) => (
            <li key={i} class="card panel">
              <fieldset>
                <legend>{t('agreement.itemNumber', { number: i + 1 })}</legend>
                <ItemFields
                  prefix={`item-${i}`}
                  item={item}
                  onChange={(next) => setItems(items.map((x, j) => (j === i ? next : x)))}
                  errors={{
                    title: form.fields[`item-${i}-title`],
                    text: form.fields[`item-${i}-text`],
                  }}
                />
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() => setItems(items.filter((_, j) => j !== i))}
                >
                  {t('agreement.removeItem')}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <p>
          <button
            type="button"
            class="button secondary"
            onClick={() => setItems([...items, { title: '', text: '' }])}
          >
            {t('agreement.addItem')}
          </button>
        </p>
        <Field
          id="reason"
          label={t('agreement.reason')}
          hint={t('agreement.reasonHint')}
          value={reason}
          onValue={setReason}
          error={form.fields.reason}
          multiline
          rows={3}
          required
        />
        <button class="button primary" type="submit" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('agreement.proposeAdopt')}
        </button>
      </form>
    </section>
  );
}
