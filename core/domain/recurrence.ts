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

export interface ScheduleProblem {
  field: keyof ScheduleRule;
  code:
    | 'invalid'
    | 'schedule_rule'
    | 'schedule_count_or_end'
    | 'schedule_too_many'
    | 'schedule_end'
    | 'schedule_end_before_start';
  params?: { problem?: RuleProblem; max?: number };
}

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

/** What can be wrong with a rule's text (a code the web app puts into words). */
export type RuleProblem =
  | 'rule_part'
  | 'rule_bound'
  | 'rule_unsupported'
  | 'rule_freq'
  | 'rule_interval';

function parseParts(rrule: string): Map<string, string> | RuleProblem {
  const parts = new Map<string, string>();
  for (const piece of rrule.replace(/^RRULE:/i, '').split(';')) {
    if (!piece) continue;
    const [key, value] = piece.split('=');
    if (!key || !value) return 'rule_part';
    const name = key.toUpperCase();
    if (!ALLOWED_PARTS.has(name)) {
      return name === 'COUNT' || name === 'UNTIL' ? 'rule_bound' : 'rule_unsupported';
    }
    parts.set(name, value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq || !ALLOWED_FREQ.has(freq)) return 'rule_freq';
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && !/^([1-9]|[1-5]\d)$/.test(interval)) return 'rule_interval';
  return parts;
}

/**
 * Every problem with a schedule, as codes with the field they concern; empty when fine.
 * The server sends them as field problems and the web app says them in its own words.
 */
export function checkSchedule(rule: ScheduleRule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isTimeZone(rule.timeZone)) problems.push({ field: 'timeZone', code: 'invalid' });
  if (!LOCAL_DATE_TIME.test(rule.start) || !isPlainDateTime(rule.start)) {
    problems.push({ field: 'start', code: 'invalid' });
  }
  if (rule.rrule !== null) {
    const parts = parseParts(rule.rrule);
    if (typeof parts === 'string') {
      problems.push({ field: 'rrule', code: 'schedule_rule', params: { problem: parts } });
    }
    if (rule.count === null && rule.until === null) {
      problems.push({ field: 'count', code: 'schedule_count_or_end' });
    }
    if (rule.count !== null && (rule.count < 1 || rule.count > MAX_OCCURRENCES)) {
      problems.push({
        field: 'count',
        code: 'schedule_too_many',
        params: { max: MAX_OCCURRENCES },
      });
    }
    if (rule.until !== null) {
      if (!LOCAL_DATE.test(rule.until) || !isPlainDateTime(`${rule.until}T00:00`)) {
        problems.push({ field: 'until', code: 'schedule_end' });
      } else if (LOCAL_DATE_TIME.test(rule.start) && rule.until < rule.start.slice(0, 10)) {
        problems.push({ field: 'until', code: 'schedule_end_before_start' });
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
  if (typeof parts === 'string') throw new Error(`schedule rule: ${parts}`);
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
  if (typeof parts === 'string') throw new Error(`schedule rule: ${parts}`);
  return [...parts].map(([k, v]) => `${k}=${v}`).join(';');
}

/** Adds minutes to an instant. */
export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
