import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterReview,
  canMove,
  type LifecycleFacts,
  nextStage,
  STAGES,
  type Stage,
} from './lifecycle';

const facts = (stage: Stage, meetingsHeld: number, reviewAt: number | null): LifecycleFacts => ({
  stage,
  meetingsHeld,
  reviewAt,
});

describe('nextStage', () => {
  it('stays forming until the first meeting, then becomes active', () => {
    expect(nextStage(facts('forming', 0, 6))).toBeNull();
    expect(nextStage(facts('forming', 1, 6))).toBe('active');
  });

  it('goes to review once the planned number of meetings has been held', () => {
    expect(nextStage(facts('active', 5, 6))).toBeNull();
    expect(nextStage(facts('active', 6, 6))).toBe('review');
    expect(nextStage(facts('continuing', 12, 12))).toBe('review');
    // A one-meeting plan goes straight from forming to review.
    expect(nextStage(facts('forming', 1, 1))).toBe('review');
  });

  it('never reviews an ongoing group with no planned number', () => {
    expect(nextStage(facts('active', 500, null))).toBeNull();
  });

  it('waits in review and after adjourning, whatever happens', () => {
    expect(nextStage(facts('review', 9, 6))).toBeNull();
    expect(nextStage(facts('adjourned', 9, 6))).toBeNull();
  });

  it('only ever proposes a step the rules allow, and is settled after one step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STAGES),
        fc.nat(200),
        fc.option(fc.integer({ min: 1, max: 200 })),
        (stage, held, reviewAt) => {
          const next = nextStage(facts(stage, held, reviewAt));
          if (next === null) return;
          expect(canMove(stage, next)).toBe(true);
          const after = nextStage(facts(next, held, reviewAt));
          expect(after).toBeNull();
        },
      ),
    );
  });
});

describe('canMove', () => {
  it('allows adjourning from anywhere but adjourned, and nothing after', () => {
    for (const stage of STAGES.filter((s) => s !== 'adjourned')) {
      expect(canMove(stage, 'adjourned')).toBe(true);
    }
    for (const stage of STAGES) expect(canMove('adjourned', stage)).toBe(false);
    expect(canMove('review', 'active')).toBe(false);
    expect(canMove('active', 'forming')).toBe(false);
  });
});

describe('afterReview', () => {
  it('continues with a new stretch counted from the meetings held so far', () => {
    expect(afterReview('continue', 6, 6)).toEqual({ stage: 'continuing', reviewAt: 12 });
    expect(afterReview('change', 6, 4)).toEqual({ stage: 'continuing', reviewAt: 10 });
    expect(afterReview('change', 6, null)).toEqual({ stage: 'continuing', reviewAt: null });
    expect(afterReview('adjourn', 6, 6)).toEqual({ stage: 'adjourned', reviewAt: null });
  });
});
