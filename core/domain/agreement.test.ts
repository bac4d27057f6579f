import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgreementItem,
  applyChange,
  diffItems,
  diffWords,
  hasChanges,
  similarity,
} from './agreement';

const item = (id: string, title = `T${id}`, text = `text ${id}`): AgreementItem => ({
  id,
  title,
  text,
});

describe('applying a change', () => {
  const v1 = [item('a'), item('b')];

  it('adds, amends and removes one item', () => {
    expect(applyChange(v1, { kind: 'add', item: item('c') })).toEqual({
      ok: true,
      items: [...v1, item('c')],
    });
    expect(applyChange(v1, { kind: 'amend', item: item('a', 'New') })).toEqual({
      ok: true,
      items: [item('a', 'New'), item('b')],
    });
    expect(applyChange(v1, { kind: 'remove', itemId: 'a' })).toEqual({
      ok: true,
      items: [item('b')],
    });
  });

  it('says so when the item changed meanwhile', () => {
    expect(applyChange(v1, { kind: 'remove', itemId: 'z' })).toEqual({
      ok: false,
      problem: 'item_gone',
    });
    expect(applyChange(v1, { kind: 'amend', item: item('z') })).toEqual({
      ok: false,
      problem: 'item_gone',
    });
  });

  it('adopts a whole draft, whatever came before', () => {
    expect(applyChange(null, { kind: 'adopt', items: v1 })).toEqual({ ok: true, items: v1 });
  });
});

describe('differences', () => {
  it('lists added, changed, removed and unchanged items', () => {
    const diff = diffItems(
      [item('a'), item('b'), item('c')],
      [item('a'), item('b', 'B2'), item('d')],
    );
    expect(diff.map((d) => d.change)).toEqual(['same', 'changed', 'added', 'removed']);
    expect(hasChanges(diff)).toBe(true);
    expect(hasChanges(diffItems([item('a')], [item('a')]))).toBe(false);
  });

  it('marks the words that changed', () => {
    expect(diffWords('We start on time', 'We start and end on time')).toEqual([
      { text: 'We start ', op: 'same' },
      { text: 'and end ', op: 'added' },
      { text: 'on time', op: 'same' },
    ]);
    expect(similarity(diffWords('We start on time', 'We start and end on time'))).toBeGreaterThan(
      0.6,
    );
    expect(similarity(diffWords('Phones are silent', 'Switch them off entirely'))).toBe(0);
  });

  it('rebuilds both texts from a word difference', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const diff = diffWords(before, after);
        const rebuild = (keep: 'added' | 'removed') =>
          diff
            .filter((d) => d.op !== keep)
            .map((d) => d.text)
            .join('');
        expect(rebuild('added')).toBe(before);
        expect(rebuild('removed')).toBe(after);
      }),
    );
  });
});
