/**
 * iCalendar output (RFC 5545) with ical-generator. Each meeting is its own VEVENT with a
 * stable UID and a SEQUENCE bumped on every change, in the group's zone with a VTIMEZONE
 * for every TZID (calendars shift events without one). Feeds use METHOD:PUBLISH.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { VenueKind } from '../../core/domain/meetings';

/** The words a calendar shows beside a meeting; calendar apps show them as they are. */
const WORDS = {
  feedName: 'Hearth meetings',
  online: 'Online',
  orOnline: ' (or online)',
  yourRoles: (roles: readonly string[]) => `Your roles: ${roles.join(', ')}.`,
  videoCall: (url: string) => `Video call: ${url}`,
  note: (note: string) => `Note: ${note}`,
  details: (url: string) => `Details: ${url}`,
};

export const FEED_NAME = WORDS.feedName;

/**
 * Text as a calendar may carry it: control characters (CR, LF, NUL, …) become spaces, so a
 * name can never end a line and start a property or a VEVENT of its own. ical-generator then
 * escapes `\`, `;` and `,` in the properties it writes.
 */
export function plainText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A TEXT value escaped by RFC 5545 §3.3.11, for the properties ical-generator leaves raw. */
function escapedText(text: string): string {
  return plainText(text).replace(/[\\;,]/g, (c) => `\\${c}`);
}

/** Where a meeting is, as a calendar's LOCATION says it. */
function locationOf(venue: CalendarEvent['venue']): string | null {
  if (venue.kind === 'online') return WORDS.online;
  const place = [venue.name, venue.address]
    .map((part) => (part ? plainText(part) : ''))
    .filter(Boolean)
    .join(', ');
  return (place || null) && place + (venue.kind === 'both' ? WORDS.orOnline : '');
}

export interface CalendarEvent {
  id: string;
  groupName: string;
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  updatedAt: string;
  /** Where: a venue's name and address, or online. */
  venue: { kind: VenueKind; name: string | null; address: string | null };
  /** The video-call link, for members only. */
  onlineUrl: string | null;
  /** The person's own roles at this meeting. */
  myRoles: readonly string[];
  changeNote: string | null;
  /** The meeting's page in Hearth. */
  pageUrl: string;
}

function zoned(instant: string, zone: string) {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone);
}

export function buildCalendar(options: {
  name: string;
  host: string;
  /** Who publishes (iTIP wants an ORGANIZER with METHOD:PUBLISH): Hearth's own address. */
  organizer: { name: string; email: string };
  events: readonly CalendarEvent[];
}): string {
  const calendar = ical({
    // ical-generator writes NAME and X-WR-CALNAME as given.
    name: escapedText(options.name),
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Hearth', product: 'Hearth', language: 'EN' },
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 60 * 60,
  });
  for (const event of options.events) {
    const start = zoned(event.startsAt, event.timeZone);
    const roles = event.myRoles.map(plainText);
    const groupName = plainText(event.groupName);
    const description = [
      roles.length > 0 ? WORDS.yourRoles(roles) : null,
      event.onlineUrl ? WORDS.videoCall(plainText(event.onlineUrl)) : null,
      event.changeNote ? WORDS.note(plainText(event.changeNote)) : null,
      WORDS.details(event.pageUrl),
    ]
      .filter(Boolean)
      .join('\n');
    calendar.createEvent({
      id: `${event.id}@${options.host}`,
      start,
      end: start.add({ minutes: event.durationMinutes }),
      timezone: event.timeZone,
      stamp: new Date(event.updatedAt),
      sequence: event.sequence,
      summary: roles.length > 0 ? `${groupName} (${roles.join(', ')})` : groupName,
      organizer: options.organizer,
      description,
      location: locationOf(event.venue),
      url: event.pageUrl,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
