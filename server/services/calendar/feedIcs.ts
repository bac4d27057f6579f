import { addMinutes } from '../../../core/domain/recurrence';
import { AppError } from '../../../core/errors';
import { buildCalendar, FEED_NAME } from '../../calendar/ics';
import { findFeedByToken } from '../../db/queries/calendarFeeds';
import { listMeetingsOfUser } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { sha256 } from '../../security/tokens';
import { calendarEvents, calendarSource } from './calendarEvents';

/** A person's feed: their meetings from a month ago onwards, read with the secret address. */
export async function feedIcs(deps: Deps, input: { token: string }): Promise<string> {
  const feed = await findFeedByToken(deps.db, sha256(input.token));
  if (!feed) throw new AppError('not_found', 'This calendar address is not valid any more.');
  const from = addMinutes(deps.now().toISOString(), -31 * 24 * 60);
  const meetings = await listMeetingsOfUser(deps.db, feed.user_id, { from, limit: 500 });
  return buildCalendar({
    name: FEED_NAME,
    ...calendarSource(deps),
    events: await calendarEvents(deps, feed.user_id, meetings),
  });
}
