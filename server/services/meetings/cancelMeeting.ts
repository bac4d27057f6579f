import type { z } from 'zod';
import type { cancelMeetingBody, MeetingDetail } from '../../../core/protocol/meetings';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { updateMeeting } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { replanRota } from '../../rota/replanRota';
import { changeUpcoming } from './changeUpcoming';
import { tellMembers } from './tellMembers';

/** Cancels one meeting with a note to members; the rest of the schedule stays. */
export async function cancelMeeting(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string } & z.output<typeof cancelMeetingBody>,
): Promise<MeetingDetail> {
  const { meetingId } = input;
  return changeUpcoming(deps, viewer, meetingId, 'meeting.cancel', async (write, meeting) => {
    const { trx, at } = write;
    await updateMeeting(trx, meetingId, {
      status: 'cancelled',
      change_note: input.note,
      sequence: meeting.sequence + 1,
      updated_at: at,
    });
    await tellMembers(deps, write, {
      meeting: { ...meeting, status: 'cancelled' },
      kind: 'meeting.cancelled',
      note: input.note,
      except: viewer.userId,
    });
    await replanRota(write);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: meeting.group_id,
      action: 'meeting.cancelled',
      subjectId: meetingId,
    });
  });
}
