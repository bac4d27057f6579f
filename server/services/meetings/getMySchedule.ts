import type { MySchedule } from '../../../core/protocol/meetings';
import type { Viewer } from '../../access/viewer';
import { listMeetingsOfUser } from '../../db/queries/meetings';
import { listSwapsAwaiting } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { summariseMeetings, toSwapView } from './views';

/** A person's next meetings across their groups with their roles, and swaps awaiting them. */
export async function getMySchedule(deps: Deps, viewer: Viewer): Promise<MySchedule> {
  const now = deps.now();
  const to = new Date(now.getTime() + 90 * 86_400_000).toISOString();
  const [meetings, swaps] = await Promise.all([
    listMeetingsOfUser(deps.db, viewer.userId, { from: now.toISOString(), to, limit: 30 }),
    listSwapsAwaiting(deps.db, viewer.userId, now.toISOString()),
  ]);
  return {
    meetings: await summariseMeetings(deps.db, viewer.userId, meetings),
    swaps: swaps.map((s) => ({ ...toSwapView(s), meetingId: s.meeting_id })),
  };
}
