import { AppError } from '../../../core/errors';
import type { MeetingDetail } from '../../../core/protocol/meetings';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findMeeting, type MeetingWithGroup } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { type GroupWrite, withGroupLock } from '../../locks/withGroupLock';
import { getMeeting } from './getMeeting';

/** Refuses a change to a meeting that was cancelled or has started. */
export function requireUpcoming(meeting: MeetingWithGroup, now: Date): void {
  if (meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so it cannot be changed.', {
      params: { why: 'cancelled' },
    });
  }
  if (Date.parse(meeting.starts_at) <= now.getTime()) {
    throw new AppError('meeting.closed', 'This meeting has started, so it cannot be changed now.', {
      params: { why: 'started' },
    });
  }
}

/**
 * Changes an upcoming meeting: checks the viewer may, then runs `work` on the group's write
 * path with the meeting as it stands under the lock (still upcoming), and answers with the
 * meeting as the viewer now sees it.
 */
export async function changeUpcoming(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  action: 'meeting.change' | 'meeting.cancel' | 'meeting.rsvp',
  work: (write: GroupWrite, meeting: MeetingWithGroup) => Promise<void>,
): Promise<MeetingDetail> {
  const access = await requireMeetingAccess(deps, viewer, meetingId, action);
  requireUpcoming(access.meeting, deps.now());
  await withGroupLock(deps, access.meeting.group_id, async (write) => {
    const meeting = (await findMeeting(write.trx, meetingId)) as MeetingWithGroup;
    requireUpcoming(meeting, write.now);
    await work(write, meeting);
  });
  return getMeeting(deps, viewer, { meetingId });
}
