import { describe, expect, it } from 'vitest';
import { cadenceOf } from './meetings';

describe('cadenceOf', () => {
  it('reads a schedule’s rhythm as data for the web app to put into words', () => {
    expect(cadenceOf(null)).toEqual({ kind: 'once' });
    expect(cadenceOf('FREQ=WEEKLY')).toEqual({ kind: 'weekly', interval: 1, weekday: null });
    expect(cadenceOf('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')).toEqual({
      kind: 'weekly',
      interval: 2,
      weekday: 'TU',
    });
    expect(cadenceOf('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2')).toEqual({
      kind: 'monthly',
      interval: 1,
      weekday: 'TU',
      nth: 2,
    });
    expect(cadenceOf('FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1')).toMatchObject({ nth: -1 });
    expect(cadenceOf('FREQ=MONTHLY;BYDAY=XX;BYSETPOS=9')).toEqual({
      kind: 'monthly',
      interval: 1,
      weekday: null,
      nth: null,
    });
    expect(cadenceOf('FREQ=YEARLY')).toEqual({ kind: 'regular' });
  });
});
