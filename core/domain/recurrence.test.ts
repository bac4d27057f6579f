import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSchedule,
  expandSchedule,
  localToUtc,
  MAX_OCCURRENCES,
  type ScheduleRule,
  utcToLocal,
} from './recurrence';

const base: ScheduleRule = {
  start: '2026-03-17T19:00',
  timeZone: 'Europe/London',
  rrule: 'FREQ=WEEKLY;INTERVAL=2',
  count: 6,
  until: null,
};

// The server's own zone must never leak into a schedule: run every case under two zones.
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

for (const processZone of ['UTC', 'America/New_York']) {
  describe(`recurrence with the process in ${processZone}`, () => {
    it('keeps a fortnightly evening meeting at 7 pm local across the spring change', () => {
      process.env.TZ = processZone;
      const times = expandSchedule(base);
      expect(times).toHaveLength(6);
      // London moves to BST on 29 March 2026: 19:00 GMT is 19:00Z, 19:00 BST is 18:00Z.
      expect(times.slice(0, 2)).toEqual(['2026-03-17T19:00:00.000Z', '2026-03-31T18:00:00.000Z']);
      for (const time of times) expect(utcToLocal(time, 'Europe/London').slice(11)).toBe('19:00');
    });

    it('keeps local time across the autumn change in New York', () => {
      process.env.TZ = processZone;
      const times = expandSchedule({
        ...base,
        start: '2026-10-27T18:30',
        timeZone: 'America/New_York',
        rrule: 'FREQ=WEEKLY',
        count: 3,
      });
      expect(times).toEqual([
        '2026-10-27T22:30:00.000Z',
        '2026-11-03T23:30:00.000Z',
        '2026-11-10T23:30:00.000Z',
      ]);
    });

    it('finds the second Tuesday of each month', () => {
      process.env.TZ = processZone;
      const times = expandSchedule({
        ...base,
        start: '2026-01-13T10:00',
        timeZone: 'Australia/Sydney',
        rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2',
        count: 4,
      });
      expect(times.map((t) => utcToLocal(t, 'Australia/Sydney'))).toEqual([
        '2026-01-13T10:00',
        '2026-02-10T10:00',
        '2026-03-10T10:00',
        '2026-04-14T10:00',
      ]);
      // Sydney leaves daylight saving on 5 April 2026: the UTC hour changes, local does not.
      expect(times[0]).toBe('2026-01-12T23:00:00.000Z');
      expect(times[3]).toBe('2026-04-14T00:00:00.000Z');
    });

    it('stops at an end date, inclusive of that day', () => {
      process.env.TZ = processZone;
      const times = expandSchedule({ ...base, count: null, until: '2026-04-14' });
      expect(times.map((t) => utcToLocal(t, 'Europe/London').slice(0, 10))).toEqual([
        '2026-03-17',
        '2026-03-31',
        '2026-04-14',
      ]);
    });

    it('moves a time skipped by the clocks going forward to the next real time', () => {
      process.env.TZ = processZone;
      expect(localToUtc('2026-03-29T01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
      expect(utcToLocal(localToUtc('2026-03-29T01:30', 'Europe/London'), 'Europe/London')).toBe(
        '2026-03-29T02:30',
      );
    });
  });
}

describe('checkSchedule', () => {
  it('accepts a good rule and a single meeting', () => {
    expect(checkSchedule(base)).toEqual([]);
    expect(checkSchedule({ ...base, rrule: null, count: null })).toEqual([]);
    expect(expandSchedule({ ...base, rrule: null, count: null })).toEqual([
      '2026-03-17T19:00:00.000Z',
    ]);
  });

  it('names each problem by its field', () => {
    const fields = (rule: Partial<ScheduleRule>) =>
      checkSchedule({ ...base, ...rule }).map((p) => p.field);
    expect(fields({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(fields({ start: '2026-02-30T19:00' })).toEqual(['start']);
    expect(fields({ rrule: 'FREQ=HOURLY' })).toEqual(['rrule']);
    expect(fields({ rrule: 'FREQ=WEEKLY;COUNT=99' })).toEqual(['rrule']);
    expect(fields({ rrule: 'FREQ=WEEKLY;INTERVAL=0' })).toEqual(['rrule']);
    expect(fields({ count: null })).toEqual(['count']);
    expect(fields({ count: MAX_OCCURRENCES + 1 })).toEqual(['count']);
    expect(fields({ count: null, until: '2026-01-01' })).toEqual(['until']);
  });

  it('gives each problem a code for the web app to put into words', () => {
    expect(checkSchedule({ ...base, rrule: 'FREQ=HOURLY' })).toEqual([
      { field: 'rrule', code: 'schedule_rule', params: { problem: 'rule_freq' } },
    ]);
    expect(checkSchedule({ ...base, rrule: 'FREQ=WEEKLY;COUNT=3' })).toEqual([
      { field: 'rrule', code: 'schedule_rule', params: { problem: 'rule_bound' } },
    ]);
    expect(checkSchedule({ ...base, count: 0 })).toEqual([
      { field: 'count', code: 'schedule_too_many', params: { max: MAX_OCCURRENCES } },
    ]);
  });

  it('never makes more than the ceiling, whatever the end date', () => {
    const times = expandSchedule({
      ...base,
      rrule: 'FREQ=DAILY',
      count: null,
      until: '2035-01-01',
    });
    expect(times).toHaveLength(MAX_OCCURRENCES);
  });
});
