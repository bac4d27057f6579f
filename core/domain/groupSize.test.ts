import { describe, expect, it } from 'vitest';
import { isAboveRecommended, RECOMMENDED_GROUP_SIZE, seatsLeft } from './groupSize';

describe('group size', () => {
  it('never reports negative seats', () => {
    expect(seatsLeft(6, 2)).toBe(4);
    expect(seatsLeft(6, 6)).toBe(0);
    expect(seatsLeft(6, 9)).toBe(0);
  });

  it('flags caps above six', () => {
    expect(isAboveRecommended(RECOMMENDED_GROUP_SIZE)).toBe(false);
    expect(isAboveRecommended(RECOMMENDED_GROUP_SIZE + 1)).toBe(true);
  });
});
