import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, PURPOSE_MAX_WORDS, purposeFits } from './purpose';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['Support for parents', 3],
    ['  Support   for\nparents  ', 3],
    ["Parents' peer-support circle", 3],
    ['We meet — and listen.', 4],
    ['Évaluer ensemble nos services', 4],
    ['支援 グループ', 2],
    ['🙂 🙂', 0],
    ['Six meetings, then a review', 5],
  ])('counts %j as %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('never counts more words than there are whitespace-separated pieces', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const pieces = text.split(/\s+/).filter(Boolean).length;
        expect(countWords(text)).toBeLessThanOrEqual(Math.max(pieces, 0) * 10);
      }),
    );
  });

  it('counts joined words additively', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 30 }), (words) => {
        expect(countWords(words.join(' '))).toBe(words.length);
      }),
    );
  });
});

describe('purposeFits', () => {
  it('accepts twelve words and refuses thirteen', () => {
    const twelve = Array.from({ length: PURPOSE_MAX_WORDS }, () => 'word').join(' ');
    expect(purposeFits(twelve)).toBe(true);
    expect(purposeFits(`${twelve} more`)).toBe(false);
  });
});
