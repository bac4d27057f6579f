import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate, markUp, normaliseWord, tokenise } from './collate';

describe('tokenise', () => {
  it('keeps positions and drops stop words from the comparison', () => {
    const tokens = tokenise('Support for new Parents');
    expect(tokens.map((t) => [t.text, t.start, t.key])).toEqual([
      ['Support', 0, 'support'],
      ['for', 8, null],
      ['new', 12, 'new'],
      ['Parents', 16, 'parents'],
    ]);
  });

  it('normalises case and curly apostrophes', () => {
    expect(normaliseWord('Carers’')).toBe('carers');
    expect(normaliseWord("Don't")).toBe("don't");
  });
});

describe('collate', () => {
  const answers = [
    'Peer support for new parents who feel alone',
    'A place where new parents get peer support',
    'Talking with other new parents about sleep',
    'Sleep and feeling less alone',
  ];

  it('finds the phrases and words that answers share, most shared first', () => {
    const { shared } = collate(answers);
    expect(shared).toContainEqual({ term: 'new parents', answers: 3 });
    expect(shared).toContainEqual({ term: 'peer support', answers: 2 });
    expect(shared).toContainEqual({ term: 'sleep', answers: 2 });
    expect(shared).toContainEqual({ term: 'alone', answers: 2 });
    // Phrases come before words; within each, by how many answers use them.
    expect(shared[0]).toEqual({ term: 'new parents', answers: 3 });
    // "new" and "parents" are already said by "new parents" in as many answers.
    expect(shared.map((s) => s.term)).not.toContain('parents');
    // Stop words never count.
    expect(shared.map((s) => s.term)).not.toContain('for');
  });

  it('counts a term once per answer, however often it is repeated there', () => {
    const { shared } = collate(['support support support', 'nothing alike']);
    expect(shared).toEqual([]);
  });

  it('highlights shared terms in each answer, phrases as one stretch', () => {
    const { highlights } = collate(answers);
    const first = markUp(answers[0] as string, highlights[0] ?? []);
    expect(first.filter((p) => p.term).map((p) => p.text)).toEqual([
      'Peer support',
      'new parents',
      'alone',
    ]);
    expect(first.map((p) => p.text).join('')).toBe(answers[0]);
  });

  it('has nothing shared with fewer than two answers', () => {
    expect(collate([]).shared).toEqual([]);
    expect(collate(['Only one answer here']).shared).toEqual([]);
  });

  it('never loses or reorders text, and highlights never overlap (any answers)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 6 }), (texts) => {
        const { highlights, shared } = collate(texts);
        texts.forEach((text, i) => {
          const marks = highlights[i] ?? [];
          expect(
            markUp(text, marks)
              .map((p) => p.text)
              .join(''),
          ).toBe(text);
          for (let k = 1; k < marks.length; k += 1) {
            expect((marks[k] as { start: number }).start).toBeGreaterThanOrEqual(
              (marks[k - 1] as { end: number }).end,
            );
          }
        });
        for (const term of shared) expect(term.answers).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});
