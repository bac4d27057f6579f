/**
 * Meetings: the small rules server and web app share.
 */
import builtInRoles from '../templates/roles/built-in.en.json';

export const VENUE_KINDS = ['in_person', 'online', 'both'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const RSVP_RESPONSES = ['going', 'maybe', 'not_going'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** How a group wants lateness and absence handled: noted, or a gentle check-in. */
export const LATENESS_POLICIES = ['noted', 'check_in'] as const;
export type LatenessPolicy = (typeof LATENESS_POLICIES)[number];

/** Enough for two years of weekly meetings; a schedule is a commitment, not forever. */
export const MAX_OCCURRENCES = 104;

export const DEFAULT_MEETING_MINUTES = 90;
export const MIN_MEETING_MINUTES = 15;
export const MAX_MEETING_MINUTES = 480;

/** The video-call link is shown to members only from this long before a meeting… */
export const ONLINE_LINK_BEFORE_MINUTES = 60;
/** …until the meeting has ended. */

/** Someone arriving more than this after the start counts as arriving late. */
export const LATE_AFTER_MINUTES = 5;

/** The role catalogue every group starts with (a data file); stewards may add their own. */
export const BUILT_IN_ROLES: readonly { key: string; name: string; description: string }[] =
  builtInRoles.roles;

/** True when the video-call link may be shown: from an hour before until the meeting ends. */
export function isLinkWindowOpen(startsAt: string, durationMinutes: number, now: Date): boolean {
  const start = Date.parse(startsAt);
  const t = now.getTime();
  return t >= start - ONLINE_LINK_BEFORE_MINUTES * 60_000 && t <= start + durationMinutes * 60_000;
}

/** Minutes after the start someone arrived; never negative. */
export function minutesLate(startsAt: string, arrivedAt: string): number {
  return Math.max(0, Math.round((Date.parse(arrivedAt) - Date.parse(startsAt)) / 60_000));
}

export interface AttendanceRecord {
  status: AttendanceStatus;
  arrivedAt: string | null;
}

export interface CommitmentSummary {
  held: number;
  attended: number;
  onTime: number;
  late: number;
  absent: number;
}

/**
 * One person's attendance over the meetings held, counted kindly: a meeting nobody
 * recorded is not held against anyone.
 */
export function summariseCommitment(
  meetings: readonly { startsAt: string; record: AttendanceRecord | undefined }[],
): CommitmentSummary {
  const summary: CommitmentSummary = { held: 0, attended: 0, onTime: 0, late: 0, absent: 0 };
  for (const { startsAt, record } of meetings) {
    if (!record) continue;
    summary.held += 1;
    if (record.status === 'absent') {
      summary.absent += 1;
      continue;
    }
    summary.attended += 1;
    if (record.arrivedAt && minutesLate(startsAt, record.arrivedAt) > LATE_AFTER_MINUTES) {
      summary.late += 1;
    } else {
      summary.onTime += 1;
    }
  }
  return summary;
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/**
 * A schedule's rhythm as data the web app puts into words: one meeting; every n days, weeks
 * (on a weekday) or months (on the nth weekday, -1 for the last); or "regularly" for rules
 * Hearth does not offer itself, rather than a guess.
 */
export type Cadence =
  | { kind: 'once' }
  | { kind: 'regular' }
  | { kind: 'daily'; interval: number }
  | { kind: 'weekly'; interval: number; weekday: WeekdayCode | null }
  | { kind: 'monthly'; interval: number; weekday: WeekdayCode | null; nth: number | null };

const isWeekday = (value: string | undefined): value is WeekdayCode =>
  (WEEKDAY_CODES as readonly string[]).includes(value ?? '');

export function cadenceOf(rrule: string | null): Cadence {
  if (!rrule) return { kind: 'once' };
  const parts = new Map(rrule.split(';').map((part) => part.split('=', 2) as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const byDay = parts.get('BYDAY');
  const weekday = isWeekday(byDay) ? byDay : null;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      return { kind: 'daily', interval };
    case 'WEEKLY':
      return { kind: 'weekly', interval, weekday };
    case 'MONTHLY': {
      const nth = Number(parts.get('BYSETPOS'));
      const known = [1, 2, 3, 4, -1].includes(nth);
      return {
        kind: 'monthly',
        interval,
        weekday: known ? weekday : null,
        nth: known && weekday ? nth : null,
      };
    }
    default:
      return { kind: 'regular' };
  }
}
