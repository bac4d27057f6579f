import { useState } from 'preact/hooks';
import type { FieldErrors } from '../../../core/errors';
import { ErrorSummary } from '../../components/ErrorSummary';
import { t } from '../../i18n/t';
import { useForm } from '../../lib/useForm';
import { type ItemDraft, ItemFields, itemProblems } from './ItemFields';
import { ReasonAndSend } from './ReasonAndSend';

/**
 * A whole agreement to edit and propose: its items (change, remove, add) and the reason.
 * Used for a group's first agreement and to revise a proposal to adopt one.
 */
export function AgreementDraftForm(props: {
  initialItems: ItemDraft[];
  initialReason?: string;
  submitLabel: string;
  onSubmit: (items: ItemDraft[], reason: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const [items, setItems] = useState<ItemDraft[]>(props.initialItems.map((i) => ({ ...i })));
  const [reason, setReason] = useState(props.initialReason ?? '');
  const form = useForm();

  const labels: Record<string, string> = { reason: t('agreement.reason') };
  items.forEach((_, i) => {
    const item = t('agreement.itemNumber', { number: i + 1 });
    labels[`item-${i}-title`] = `${item}: ${t('agreement.itemTitle')}`;
    labels[`item-${i}-text`] = `${item}: ${t('agreement.itemText')}`;
  });

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    items.forEach((item, i) => {
      const p = itemProblems(item);
      if (p.title) problems[`item-${i}-title`] = p.title;
      if (p.text) problems[`item-${i}-text`] = p.text;
    });
    if (items.length === 0) problems.items = t('agreement.itemsNeeded');
    if (!reason.trim()) problems.reason = t('agreement.reasonNeeded');
    return problems;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, () => props.onSubmit(items, reason));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      <h3>{t('agreement.draftTitle')}</h3>
      <ol class="draft-items">
        {items.map((item, i) => (
          <li key={item.id ?? i} class="card panel">
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
      <ReasonAndSend
        reason={reason}
        onReason={setReason}
        error={form.fields.reason}
        busy={form.busy}
        sendLabel={props.submitLabel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
