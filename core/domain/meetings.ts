/**
 * Meetings: the words and small rules they share between server and web app.
 */
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

/** The role catalogue every group starts with; stewards may add their own. */
export const BUILT_IN_ROLES = [
  {
    key: 'facilitator',
    name: 'Facilitator',
    description: 'Opens and closes the meeting and keeps it to the agreement and the agenda.',
  },
  {
    key: 'host',
    name: 'Host / venue',
    description: 'Finds or hosts the venue, or the video call, and says where it is.',
  },
  { key: 'food', name: 'Food and drinks', description: 'Brings or arranges something to share.' },
  {
    key: 'calendar',
    name: 'Calendar keeper',
    description: 'Checks the dates still suit everyone and reminds the group of changes.',
  },
  {
    key: 'timekeeper',
    name: 'Timekeeper',
    description: 'Helps everyone get an equal share of the time.',
  },
  {
    key: 'observer',
    name: 'Observer',
    description: 'Watches how the group works together and shares what they noticed.',
  },
] as const;

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

const WEEKDAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const ORDINALS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

/**
 * A schedule's rhythm in plain words: "Weekly", "Every 2 weeks", "Monthly, on the second
 * Tuesday". Rules Hearth does not offer are described as "Regularly" rather than guessed.
 */
export function describeCadence(rrule: string | null): string {
  if (!rrule) return 'One meeting';
  const parts = new Map(rrule.split(';').map((part) => part.split('=', 2) as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const every = (unit: string) => (interval === 1 ? `Every ${unit}` : `Every ${interval} ${unit}s`);
  switch (parts.get('FREQ')) {
    case 'DAILY':
      return every('day');
    case 'WEEKLY': {
      const day = WEEKDAYS[parts.get('BYDAY') ?? ''];
      return day ? `${every('week')}, on ${day}` : every('week');
    }
    case 'MONTHLY': {
      const day = WEEKDAYS[parts.get('BYDAY') ?? ''];
      const nth = ORDINALS[parts.get('BYSETPOS') ?? ''];
      return day && nth ? `${every('month')}, on the ${nth} ${day}` : every('month');
    }
    default:
      return 'Regularly';
  }
}
