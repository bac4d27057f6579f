import { ITEM_TEXT_MAX, ITEM_TITLE_MAX } from '../../../core/domain/agreement';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';

export interface ItemDraft {
  id?: string;
  title: string;
  text: string;
}

/** The two fields of an agreement item. */
export function ItemFields({
  prefix,
  item,
  onChange,
  errors = {},
}: {
  prefix: string;
  item: ItemDraft;
  onChange: (item: ItemDraft) => void;
  errors?: { title?: string | undefined; text?: string | undefined };
}) {
  return (
    <>
      <Field
        id={`${prefix}-title`}
        label={t('agreement.itemTitle')}
        value={item.title}
        onValue={(title) => onChange({ ...item, title: title.slice(0, ITEM_TITLE_MAX) })}
        error={errors.title}
        required
      />
      <Field
        id={`${prefix}-text`}
        label={t('agreement.itemText')}
        value={item.text}
        onValue={(text) => onChange({ ...item, text: text.slice(0, ITEM_TEXT_MAX) })}
        error={errors.text}
        multiline
        rows={3}
        required
      />
    </>
  );
}

/** Field-level problems of an item, the same rules the server applies. */
export function itemProblems(item: ItemDraft): { title?: string; text?: string } {
  const problems: { title?: string; text?: string } = {};
  if (!item.title.trim()) problems.title = t('agreement.itemTitleNeeded');
  if (!item.text.trim()) problems.text = t('agreement.itemTextNeeded');
  return problems;
}
