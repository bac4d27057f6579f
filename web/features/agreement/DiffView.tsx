import { diffWords, similarity } from '../../../core/domain/agreement';
import type { ItemDiffDto } from '../../../core/protocol/agreement';
import { t } from '../../i18n/t';

/** Words added or removed, marked by more than colour: underlined or struck through, and named for screen readers. */
function Words({ before, after }: { before: string; after: string }) {
  const diff = diffWords(before, after);
  // Mostly rewritten: the old and the new, whole, read better than a patchwork.
  if (similarity(diff) < 0.5) {
    return (
      <>
        <del>
          <span class="visually-hidden">{t('diff.removedWords')}</span>
          {before}
        </del>{' '}
        <ins>
          <span class="visually-hidden">{t('diff.addedWords')}</span>
          {after}
        </ins>
      </>
    );
  }
  return (
    <>
      {diff.map((part, i) =>
        part.op === 'same' ? (
          part.text
        ) : part.op === 'added' ? (
          <ins key={i}>
            <span class="visually-hidden">{t('diff.addedWords')}</span>
            {part.text}
          </ins>
        ) : (
          <del key={i}>
            <span class="visually-hidden">{t('diff.removedWords')}</span>
            {part.text}
          </del>
        ),
      )}
    </>
  );
}

/** What a change does to the agreement, item by item. Unchanged items are left out unless asked for. */
export function DiffView({ diff, showSame = false }: { diff: ItemDiffDto[]; showSame?: boolean }) {
  const shown = diff.filter((d) => showSame || d.change !== 'same');
  if (shown.length === 0) return <p class="muted">{t('diff.none')}</p>;
  return (
    <ol class="diff">
      {shown.map((d) => {
        const item = d.item ?? d.after ?? d.before;
        if (!item) return null;
        return (
          <li key={item.id} class={`diff-item ${d.change}`}>
            {d.change !== 'same' ? (
              <span class={`badge diff-${d.change}`}>{t(`diff.${d.change}`)}</span>
            ) : null}
            {d.change === 'changed' && d.before && d.after ? (
              <>
                <h3>
                  <Words before={d.before.title} after={d.after.title} />
                </h3>
                <p>
                  <Words before={d.before.text} after={d.after.text} />
                </p>
              </>
            ) : (
              <>
                <h3>{d.change === 'removed' ? <del>{item.title}</del> : item.title}</h3>
                <p>{d.change === 'removed' ? <del>{item.text}</del> : item.text}</p>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
