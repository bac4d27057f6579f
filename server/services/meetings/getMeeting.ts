import type { MeetingDetail } from '../../../core/protocol/meetings';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { buildMeetingDetail } from './views';

/** One meeting as a member of its group sees it. */
export async function getMeeting(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<MeetingDetail> {
  return buildMeetingDetail(deps, await requireMeetingAccess(deps, viewer, input.meetingId));
}
