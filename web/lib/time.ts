/**
 * Dates and times for people: always in the viewer's own time zone and locale, through Intl.
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** A moment in the viewer's own time zone and locale. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

const long = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
});

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A meeting's day and time, with the weekday. */
export function formatMeeting(iso: string): string {
  return long.format(new Date(iso));
}

/** `YYYY-MM-DDTHH:mm` of an instant in a zone, for a datetime-local field. */
export function localInZone(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Every IANA zone this browser knows, for a select. */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes(viewerZone) ? zones : [viewerZone, ...zones];
}

const weekdayName = new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' });
/** 2024-01-01 was a Monday: the day a weekday code names, counted from it. */
const MONDAY_MS = Date.UTC(2024, 0, 1);
const WEEKDAY_INDEX = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 } as const;

/** A weekday's name in the viewer's language: "Tuesday" for TU. */
export function weekday(code: keyof typeof WEEKDAY_INDEX): string {
  return weekdayName.format(new Date(MONDAY_MS + WEEKDAY_INDEX[code] * 86_400_000));
}

/** mm:ss (or h:mm:ss) for a number of milliseconds; negative shows as +mm:ss over time. */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const total = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const body =
    h > 0
      ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
      : `${m}:${String(s).padStart(2, '0')}`;
  return over ? `+${body}` : body;
}
