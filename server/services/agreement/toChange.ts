import type { AgreementChange, AgreementItem } from '../../../core/domain/agreement';
import { AppError, fieldError } from '../../../core/errors';
import type { ChangeInput } from '../../../core/protocol/agreement';
import { newId } from '../../security/tokens';

/**
 * Turns what a member proposed into a change against the current items: new items get ids;
 * an amendment or removal must name an item that is there now.
 */
export function toChange(
  input: ChangeInput,
  current: readonly AgreementItem[] | null,
): AgreementChange {
  if (input.kind === 'adopt') {
    const known = new Set((current ?? []).map((i) => i.id));
    return {
      kind: 'adopt',
      items: input.items.map((i) => ({
        id: i.id && known.has(i.id) ? i.id : newId(),
        title: i.title,
        text: i.text,
      })),
    };
  }
  if (!current) {
    throw new AppError(
      'agreement.none',
      'This group has not adopted an agreement yet. Start by proposing to adopt a draft.',
    );
  }
  if (input.kind === 'add')
    return { kind: 'add', item: { id: newId(), title: input.item.title, text: input.item.text } };
  const target = current.find(
    (i) => i.id === (input.kind === 'amend' ? input.item.id : input.itemId),
  );
  if (!target) {
    throw fieldError('change', 'item_missing', 'That item is not in the current agreement.');
  }
  if (input.kind === 'amend')
    return {
      kind: 'amend',
      item: { id: target.id, title: input.item.title, text: input.item.text },
    };
  return { kind: 'remove', itemId: target.id, title: target.title };
}
