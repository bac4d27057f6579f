import type { z } from 'zod';
import type { MeetingDetail, rsvpBody } from '../../../core/protocol/meetings';
import type { Viewer } from '../../access/viewer';
import { findRsvp, upsertRsvp } from '../../db/queries/meetings';
import { returnRolesToRota } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { replanRota } from '../../rota/replanRota';
import { changeUpcoming } from './changeUpcoming';

/** Going, maybe or not going. "Not going" frees the person's roles for someone else. */
export async function respondToMeeting(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string } & z.output<typeof rsvpBody>,
): Promise<MeetingDetail> {
  const { meetingId } = input;
  return changeUpcoming(deps, viewer, meetingId, 'meeting.rsvp', async (write, meeting) => {
    const { trx, at } = write;
    const before = await findRsvp(trx, meetingId, viewer.userId);
    await upsertRsvp(trx, {
      meeting_id: meetingId,
      user_id: viewer.userId,
      response: input.response,
      note: input.note,
      updated_at: at,
    });
    const wasAway = before?.response === 'not_going';
    const isAway = input.response === 'not_going';
    if (wasAway === isAway) return;
    if (isAway) {
      // Roles settled on this person for this meeting go back to the rota.
      await returnRolesToRota(trx, {
        userId: viewer.userId,
        groupId: meeting.group_id,
        after: at,
        meetingId,
      });
    }
    await replanRota(write);
  });
}
