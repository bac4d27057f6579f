/**
 * The comfort agreement's pure rules: what an item is, the changes a member can propose,
 * applying a change to a version's items, and a readable difference between two versions.
 */

export interface AgreementItem {
  /** Stable across versions, so an amendment can say which item it changes. */
  id: string;
  title: string;
  text: string;
}

export const ITEM_TITLE_MAX = 80;
export const ITEM_TEXT_MAX = 1000;
export const ITEMS_MAX = 30;

export type AgreementChange =
  | { kind: 'adopt'; items: AgreementItem[] }
  | { kind: 'add'; item: AgreementItem }
  | { kind: 'amend'; item: AgreementItem }
  | {
      kind: 'remove';
      itemId: string /** The removed item's title, for people to read. */;
      title?: string;
    };

/** Why a change can no longer be made: too many items, or the item it names has gone. */
export const CHANGE_PROBLEMS = ['items_limit', 'item_gone'] as const;
export type ChangeProblem = (typeof CHANGE_PROBLEMS)[number];

export type ApplyResult =
  | { ok: true; items: AgreementItem[] }
  | { ok: false; problem: ChangeProblem };

/**
 * The items after a change. Amending or removing an item that is no longer there, or adding
 * beyond the limit, is a problem named by a code, not an exception.
 */
export function applyChange(
  current: readonly AgreementItem[] | null,
  change: AgreementChange,
): ApplyResult {
  if (change.kind === 'adopt') return { ok: true, items: change.items.map((i) => ({ ...i })) };
  const items = [...(current ?? [])];
  const index = (id: string) => items.findIndex((i) => i.id === id);
  switch (change.kind) {
    case 'add':
      if (items.length >= ITEMS_MAX) return { ok: false, problem: 'items_limit' };
      return { ok: true, items: [...items, { ...change.item }] };
    case 'amend': {
      const at = index(change.item.id);
      if (at === -1) return { ok: false, problem: 'item_gone' };
      items[at] = { ...change.item };
      return { ok: true, items };
    }
    case 'remove': {
      const at = index(change.itemId);
      if (at === -1) return { ok: false, problem: 'item_gone' };
      items.splice(at, 1);
      return { ok: true, items };
    }
  }
}

export type ItemDiff =
  | { change: 'added'; item: AgreementItem }
  | { change: 'removed'; item: AgreementItem }
  | { change: 'changed'; before: AgreementItem; after: AgreementItem }
  | { change: 'same'; item: AgreementItem };

/** What changed from one version's items to another's, in the newer version's order. */
export function diffItems(
  before: readonly AgreementItem[],
  after: readonly AgreementItem[],
): ItemDiff[] {
  const old = new Map(before.map((i) => [i.id, i]));
  const kept = new Set(after.map((i) => i.id));
  const result: ItemDiff[] = after.map((item) => {
    const previous = old.get(item.id);
    if (!previous) return { change: 'added', item };
    if (previous.title !== item.title || previous.text !== item.text) {
      return { change: 'changed', before: previous, after: item };
    }
    return { change: 'same', item };
  });
  for (const item of before) if (!kept.has(item.id)) result.push({ change: 'removed', item });
  return result;
}

/**
 * What a change is about, as data for a list of proposals: the item's title (none for
 * adopting a whole draft) and, for a draft, how many items it has. The web app and mail put
 * it into words.
 */
export function changeSubject(change: AgreementChange): {
  title: string | null;
  itemCount: number | null;
} {
  switch (change.kind) {
    case 'adopt':
      return { title: null, itemCount: change.items.length };
    case 'add':
    case 'amend':
      return { title: change.item.title, itemCount: null };
    case 'remove':
      return { title: change.title ?? null, itemCount: null };
  }
}

/** True when a diff has anything other than unchanged items. */
export function hasChanges(diff: readonly ItemDiff[]): boolean {
  return diff.some((d) => d.change !== 'same');
}

export type WordDiff = { text: string; op: 'same' | 'added' | 'removed' }[];

/** Share of the newer text that a word difference keeps from the older one (0 to 1). */
export function similarity(diff: WordDiff): number {
  const kept = diff.filter((d) => d.op === 'same').reduce((n, d) => n + d.text.trim().length, 0);
  const total = diff
    .filter((d) => d.op !== 'removed')
    .reduce((n, d) => n + d.text.trim().length, 0);
  return total === 0 ? 1 : kept / total;
}

/**
 * A word-level difference between two texts (longest common subsequence), so a reader sees
 * exactly which words an amendment changes. Texts are short, so the quadratic table is fine.
 */
export function diffWords(before: string, after: string): WordDiff {
  // Words carry their trailing space, so spaces alone never count as common ground.
  const tokens = (text: string) => text.match(/\s+|\S+\s*/g) ?? [];
  const a = tokens(before);
  const b = tokens(after);
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: WordDiff = [];
  const push = (text: string, op: 'same' | 'added' | 'removed') => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else out.push({ text, op });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(a[i]!, 'same');
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) push(a[i++]!, 'removed');
    else push(b[j++]!, 'added');
  }
  while (i < a.length) push(a[i++]!, 'removed');
  while (j < b.length) push(b[j++]!, 'added');
  return out;
}
