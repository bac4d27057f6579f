import { addMinutes } from '../../../core/domain/recurrence';
import { AppError } from '../../../core/errors';
import type { CalendarFeedStatus } from '../../../core/protocol/meetings';
import { buildCalendar, type CalendarEvent } from '../../calendar/ics';
import { deleteFeed, findFeedByToken, findFeedOfUser, replaceFeed } from '../../db/queries/mail';
import { listMeetingsOfUser, type MeetingWithGroup } from '../../db/queries/meetings';
import { listAssignments } from '../../db/queries/roles';
import { newToken, sha256 } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { meetingAccess } from './access';

async function toEvents(
  deps: Deps,
  userId: string,
  meetings: MeetingWithGroup[],
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
    location:
      m.venue_kind === 'online'
        ? 'Online'
        : [m.venue_name, m.venue_address].filter(Boolean).join(', ') +
          (m.venue_kind === 'both' ? ' (or online)' : ''),
    // The link itself stays in Hearth: a calendar is copied to other services.
    onlineUrl: null,
    myRoles: assignments
      .filter((a) => a.meeting_id === m.id && a.user_id === userId)
      .map((a) => a.role_name),
    changeNote: m.change_note,
    pageUrl: `${deps.config.publicUrl}/meetings/${m.id}`,
  }));
}

const host = (deps: Deps) => new URL(deps.config.publicUrl).hostname;

/** One meeting as an .ics file, for a member. */
export async function meetingIcs(deps: Deps, viewer: Viewer, meetingId: string): Promise<string> {
  const { meeting } = await meetingAccess(deps, viewer, meetingId);
  return buildCalendar({
    name: meeting.group_name,
    host: host(deps),
    events: await toEvents(deps, viewer.userId, [meeting]),
  });
}

/** A person's feed: their meetings from a month ago onwards, read with the secret address. */
export async function feedIcs(deps: Deps, token: string): Promise<string> {
  const feed = await findFeedByToken(deps.db, sha256(token));
  if (!feed) throw new AppError('not_found', 'This calendar address is not valid any more.');
  const from = addMinutes(deps.now().toISOString(), -31 * 24 * 60);
  const meetings = await listMeetingsOfUser(deps.db, feed.user_id, { from, limit: 500 });
  return buildCalendar({
    name: 'Hearth meetings',
    host: host(deps),
    events: await toEvents(deps, feed.user_id, meetings),
  });
}

export async function getFeedStatus(deps: Deps, viewer: Viewer): Promise<CalendarFeedStatus> {
  const feed = await findFeedOfUser(deps.db, viewer.userId);
  return { active: Boolean(feed), createdAt: feed?.created_at ?? null, url: null };
}

/** Makes a new secret address (the old one stops working). The address is shown only now. */
export async function resetFeed(deps: Deps, viewer: Viewer): Promise<CalendarFeedStatus> {
  const token = newToken();
  const at = deps.now().toISOString();
  await deps.db.transaction().execute((trx) => replaceFeed(trx, viewer.userId, sha256(token), at));
  return { active: true, createdAt: at, url: `${deps.config.publicUrl}/api/calendar/${token}.ics` };
}

export async function stopFeed(deps: Deps, viewer: Viewer): Promise<void> {
  await deleteFeed(deps.db, viewer.userId);
}
