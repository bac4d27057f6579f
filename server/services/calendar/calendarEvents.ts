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

/** The host name calendar UIDs are made unique with. */
export const calendarHost = (deps: Deps) => new URL(deps.config.publicUrl).hostname;
