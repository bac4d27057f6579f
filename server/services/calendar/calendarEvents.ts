import type { CalendarEvent } from '../../calendar/ics';
import type { MeetingWithGroup } from '../../db/queries/meetings';
import { listAssignments } from '../../db/queries/roles';
import type { Deps } from '../../deps';

/** Meetings as calendar events for one person, with their own roles at each. */
export async function calendarEvents(
  deps: Deps,
  userId: string,
  meetings: readonly MeetingWithGroup[],
): Promise<CalendarEvent[]> {
  const assignments = await listAssignments(
    deps.db,
    meetings.map((m) => m.id),
  );
  return meetings.map((m) => ({
    id: m.id,
    groupName: m.group_name,
    startsAt: m.starts_at,
    durationMinutes: m.duration_minutes,
    timeZone: m.time_zone,
    status: m.status,
    sequence: m.sequence,
    updatedAt: m.updated_at,
    venue: { kind: m.venue_kind, name: m.venue_name, address: m.venue_address },
    // The link itself stays in Hearth: a calendar is copied to other services.
    onlineUrl: null,
    myRoles: assignments
      .filter((a) => a.meeting_id === m.id && a.user_id === userId)
      .map((a) => a.role_name),
    changeNote: m.change_note,
    pageUrl: `${deps.config.publicUrl}/meetings/${m.id}`,
  }));
}

/**
 * Who publishes Hearth's calendars: the host name UIDs are made unique with, and the
 * ORGANIZER (Hearth's own mail address, from MAIL_FROM).
 */
export function calendarSource(deps: Deps) {
  const host = new URL(deps.config.publicUrl).hostname;
  const from = deps.config.mail.from;
  const address =
    /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (from.includes('@') ? from.trim() : null);
  const name =
    from
      .replace(/<[^>]*>/, '')
      .replace(/"/g, '')
      .trim() || 'Hearth';
  return { host, organizer: { name, email: address ?? `hearth@${host}` } };
}
