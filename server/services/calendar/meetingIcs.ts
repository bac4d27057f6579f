import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { buildCalendar } from '../../calendar/ics';
import type { Deps } from '../../deps';
import { calendarEvents, calendarSource } from './calendarEvents';

/** One meeting as an .ics file, for a member of its group. */
export async function meetingIcs(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<string> {
  const { meeting } = await requireMeetingAccess(deps, viewer, input.meetingId);
  return buildCalendar({
    name: meeting.group_name,
    ...calendarSource(deps),
    events: await calendarEvents(deps, viewer.userId, [meeting]),
  });
}
