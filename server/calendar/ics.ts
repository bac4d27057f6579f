/**
 * iCalendar output (RFC 5545) with ical-generator. Each meeting is its own VEVENT with a
 * stable UID and a SEQUENCE bumped on every change, in the group's zone with a VTIMEZONE
 * for every TZID (calendars shift events without one). Feeds use METHOD:PUBLISH.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';

export interface CalendarEvent {
  id: string;
  groupName: string;
  startsAt: string;
  durationMinutes: number;
  timeZone: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  updatedAt: string;
  /** Where: a venue name and address, or "Online". */
  location: string | null;
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
  events: readonly CalendarEvent[];
}): string {
  const calendar = ical({
    name: options.name,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Hearth', product: 'Hearth', language: 'EN' },
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 60 * 60,
  });
  for (const event of options.events) {
    const start = zoned(event.startsAt, event.timeZone);
    const description = [
      event.myRoles.length > 0 ? `Your roles: ${event.myRoles.join(', ')}.` : null,
      event.onlineUrl ? `Video call: ${event.onlineUrl}` : null,
      event.changeNote ? `Note: ${event.changeNote}` : null,
      `Details: ${event.pageUrl}`,
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
      summary:
        event.myRoles.length > 0
          ? `${event.groupName} (${event.myRoles.join(', ')})`
          : event.groupName,
      description,
      location: event.location,
      url: event.pageUrl,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
