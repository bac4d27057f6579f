import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  equality,
  equalityKey,
  leastHeardFirst,
  NUDGE_WINDOW_MS,
  recentSpans,
  type Span,
  spokenInWindow,
  suggestRound,
} from './speaking';

const MIN = 60_000;
const span = (userId: string, from: number, to: number): Span => ({
  userId,
  phaseId: 'open',
  from,
  to,
});

describe('equality of speaking time', () => {
  it('reads 0 and one fair share when everyone spoke the same', () => {
    expect(equality([5, 5, 5, 5])).toEqual({ gini: 0, largestOverFair: 1 });
  });

  it('reads 1 and n fair shares when one person spoke alone, whatever the size', () => {
    for (const n of [2, 3, 6]) {
      const times = [10 * MIN, ...Array(n - 1).fill(0)];
      expect(equality(times)).toEqual({ gini: 1, largestOverFair: n });
    }
  });

  it('gives a worked example: 6, 2, 2, 2 minutes', () => {
    // Differences: 6 pairs of 4 each way (2·3·4 = 24), mean 3, n 4: G = 24/(2·16·3) = 0.25,
    // normalised by 4/3: 0.33; the largest share is 6/3 = 2 fair shares.
    expect(equality([6, 2, 2, 2].map((m) => m * MIN))).toEqual({
      gini: 0.33,
      largestOverFair: 2,
    });
  });

  it('says nothing for fewer than two people or nobody speaking', () => {
    expect(equality([])).toBeNull();
    expect(equality([4 * MIN])).toBeNull();
    expect(equality([0, 0, 0])).toBeNull();
  });

  it('stays within 0–1, ignores order and scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (times, k) => {
          const e = equality(times);
          if (!e) return times.every((t) => t === 0);
          expect(e.gini).toBeGreaterThanOrEqual(0);
          expect(e.gini).toBeLessThanOrEqual(1);
          expect(e.largestOverFair).toBeGreaterThanOrEqual(1);
          expect(equality([...times].reverse())).toEqual(e);
          expect(equality(times.map((t) => t * k))).toEqual(e);
          return true;
        },
      ),
    );
  });

  it('puts figures into words', () => {
    expect(equalityKey({ gini: 0.1, largestOverFair: 1.2 })).toBe('even');
    expect(equalityKey({ gini: 0.2, largestOverFair: 1.5 })).toBe('fairly_even');
    expect(equalityKey({ gini: 0.4, largestOverFair: 2 })).toBe('uneven');
    expect(equalityKey({ gini: 0.8, largestOverFair: 3.5 })).toBe('very_uneven');
  });
});

describe('the nudge to do a round', () => {
  const at = 30 * MIN;

  it('comes when one person passes twice the fair share and three minutes', () => {
    // Four people; in the last ten minutes Ann spoke 6, the others 1 each: 6 > 2 × 9/4.
    const spans = [
      span('ann', at - 10 * MIN, at - 4 * MIN),
      span('ben', at - 4 * MIN, at - 3 * MIN),
      span('cal', at - 3 * MIN, at - 2 * MIN),
      span('dee', at - 2 * MIN, at - MIN),
    ];
    expect(suggestRound(spans, null, at, 4)).toBe(true);
  });

  it('stays quiet under three minutes, however lopsided', () => {
    expect(suggestRound([span('ann', at - 2.5 * MIN, at)], null, at, 4)).toBe(false);
  });

  it('stays quiet when time is shared', () => {
    const spans = ['ann', 'ben', 'cal', 'dee'].map((id, i) =>
      span(id, at - (i + 1) * 2.5 * MIN, at - i * 2.5 * MIN),
    );
    expect(suggestRound(spans, null, at, 4)).toBe(false);
  });

  it('counts whoever is speaking now, and only the last ten minutes', () => {
    // Ann spoke for 20 minutes long ago; in the window, Ben has spoken 4 minutes (still going).
    const spans = [span('ann', 0, 15 * MIN), span('cal', at - 6 * MIN, at - 5 * MIN)];
    const now = { userId: 'ben', phaseId: 'open', since: at - 4 * MIN };
    expect(spokenInWindow(spans, now, at)).toEqual(
      new Map([
        ['cal', MIN],
        ['ben', 4 * MIN],
      ]),
    );
    // 4 of 5 minutes among three people: 4 > 2 × 5/3, and over three minutes.
    expect(suggestRound(spans, now, at, 3)).toBe(true);
    expect(recentSpans(spans, at)).toEqual([spans[1]]);
  });

  it('never fires for one person alone, or before anyone spoke', () => {
    expect(suggestRound([span('ann', at - NUDGE_WINDOW_MS, at)], null, at, 1)).toBe(false);
    expect(suggestRound([], null, at, 5)).toBe(false);
  });
});

describe('least heard first', () => {
  it('orders hands by time spoken, then by when they went up', () => {
    const hands = [
      { userId: 'ann', seq: 1 },
      { userId: 'ben', seq: 2 },
      { userId: 'cal', seq: 3 },
    ];
    expect(
      leastHeardFirst(hands, { ann: 5 * MIN, ben: 5 * MIN, cal: MIN }).map((h) => h.userId),
    ).toEqual(['cal', 'ann', 'ben']);
  });
});
