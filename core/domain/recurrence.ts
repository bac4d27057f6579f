/**
 * A group's schedule: a first meeting as wall-clock time in an IANA zone plus an RFC 5545
 * recurrence rule, bounded by a planned number of meetings or an end date. Expanded with
 * rrule-temporal over Temporal, so a 7 pm meeting stays at 7 pm local time across
 * daylight-saving changes. Instants leave here as UTC ISO strings and nowhere else.
 */
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { MAX_OCCURRENCES } from './meetings';
import { isTimeZone } from './timeZone';

export { isTimeZone, MAX_OCCURRENCES };

/** Parts of a rule a group may set; the bound (COUNT / UNTIL) is set by Hearth. */
const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYSETPOS', 'BYMONTHDAY', 'WKST']);
const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY']);

export interface ScheduleRule {
  /** The first meeting's local date and time, `YYYY-MM-DDTHH:mm`. */
  start: string;
  /** IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
  /** RRULE value without COUNT or UNTIL (e.g. `FREQ=WEEKLY;INTERVAL=2`); null for one meeting. */
  rrule: string | null;
  /** Planned number of meetings. */
  count: number | null;
  /** Last possible local date, `YYYY-MM-DD`, inclusive. */
  until: string | null;
}

export type ScheduleProblem = { field: keyof ScheduleRule; message: string };

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a local wall-clock time names in a zone; a time skipped by DST moves forward. */
export function localToUtc(local: string, timeZone: string): string {
  const zoned = Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone, {
    disambiguation: 'compatible',
  });
  return new Date(zoned.epochMilliseconds).toISOString();
}

/** The local wall-clock time (`YYYY-MM-DDTHH:mm`) of an instant in a zone. */
export function utcToLocal(instant: string, timeZone: string): string {
  return Temporal.Instant.from(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

function parseParts(rrule: string): Map<string, string> | string {
  const parts = new Map<string, string>();
  for (const piece of rrule.replace(/^RRULE:/i, '').split(';')) {
    if (!piece) continue;
    const [key, value] = piece.split('=');
    if (!key || !value) return `“${piece}” is not a rule part.`;
    const name = key.toUpperCase();
    if (!ALLOWED_PARTS.has(name)) {
      return name === 'COUNT' || name === 'UNTIL'
        ? 'Set the number of meetings or the end date in their own fields.'
        : `${name} is not supported in a meeting schedule.`;
    }
    parts.set(name, value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq || !ALLOWED_FREQ.has(freq)) return 'Meetings repeat daily, weekly or monthly.';
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && !/^([1-9]|[1-5]\d)$/.test(interval)) {
    return 'The interval is a whole number from 1 to 59.';
  }
  return parts;
}

/** Every problem with a schedule, in words for the person who wrote it. Empty when fine. */
export function checkSchedule(rule: ScheduleRule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isTimeZone(rule.timeZone)) {
    problems.push({ field: 'timeZone', message: 'Choose a time zone from the list.' });
  }
  if (!LOCAL_DATE_TIME.test(rule.start) || !isPlainDateTime(rule.start)) {
    problems.push({ field: 'start', message: 'Enter the first meeting’s date and time.' });
  }
  if (rule.rrule !== null) {
    const parts = parseParts(rule.rrule);
    if (typeof parts === 'string') problems.push({ field: 'rrule', message: parts });
    if (rule.count === null && rule.until === null) {
      problems.push({
        field: 'count',
        message: 'Say how many meetings are planned, or the date they end.',
      });
    }
    if (rule.count !== null && (rule.count < 1 || rule.count > MAX_OCCURRENCES)) {
      problems.push({
        field: 'count',
        message: `Plan between 1 and ${MAX_OCCURRENCES} meetings.`,
      });
    }
    if (rule.until !== null) {
      if (!LOCAL_DATE.test(rule.until) || !isPlainDateTime(`${rule.until}T00:00`)) {
        problems.push({ field: 'until', message: 'Enter the end date as a date.' });
      } else if (LOCAL_DATE_TIME.test(rule.start) && rule.until < rule.start.slice(0, 10)) {
        problems.push({ field: 'until', message: 'The end date is before the first meeting.' });
      }
    }
  }
  return problems;
}

function isPlainDateTime(value: string): boolean {
  try {
    Temporal.PlainDateTime.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The meetings a schedule makes, as UTC instants in order. Call `checkSchedule` first:
 * an invalid rule throws. Stops at MAX_OCCURRENCES whatever the bound says.
 */
export function expandSchedule(rule: ScheduleRule): string[] {
  const first = Temporal.PlainDateTime.from(rule.start).toZonedDateTime(rule.timeZone, {
    disambiguation: 'compatible',
  });
  if (rule.rrule === null) return [new Date(first.epochMilliseconds).toISOString()];
  const parts = parseParts(rule.rrule);
  if (typeof parts === 'string') throw new Error(parts);
  const bound: string[] = [];
  if (rule.count !== null) bound.push(`COUNT=${Math.min(rule.count, MAX_OCCURRENCES)}`);
  if (rule.until !== null) {
    // Inclusive end of the last local day, as UNTIL in UTC (RFC 5545 §3.3.10).
    const endOfDay = Temporal.PlainDate.from(rule.until)
      .toZonedDateTime({ timeZone: rule.timeZone, plainTime: '23:59:59' })
      .toInstant()
      .toString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+/, '');
    bound.push(`UNTIL=${endOfDay}`);
  }
  const ruleText = [...[...parts].map(([k, v]) => `${k}=${v}`), ...bound].join(';');
  const recurrence = new RRuleTemporal({ rruleString: ruleText, dtstart: first });
  return recurrence
    .all((_, index) => index < MAX_OCCURRENCES)
    .map((zoned) => new Date(zoned.epochMilliseconds).toISOString());
}

/** The rule as it goes into a stored series and an iCalendar RRULE (normalised, bounded). */
export function normaliseRule(rrule: string): string {
  const parts = parseParts(rrule);
  if (typeof parts === 'string') throw new Error(parts);
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}

/** Adds minutes to an instant. */
export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
