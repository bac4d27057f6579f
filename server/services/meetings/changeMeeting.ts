import type { z } from 'zod';
import { localToUtc, utcToLocal } from '../../../core/domain/recurrence';
import { fieldError } from '../../../core/errors';
import type { changeMeetingBody, MeetingDetail } from '../../../core/protocol/meetings';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { findMeeting, type MeetingWithGroup, updateMeeting } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { replanRota } from '../../rota/replanRota';
import { changeUpcoming } from './changeUpcoming';
import { tellMembers } from './tellMembers';
import { venueColumns } from './venue';

/** Moves one meeting, changes its length or venue; members are told, with the note. */
export async function changeMeeting(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string } & z.output<typeof changeMeetingBody>,
): Promise<MeetingDetail> {
  const { meetingId } = input;
  return changeUpcoming(deps, viewer, meetingId, 'meeting.change', async (write, meeting) => {
    const { trx, now, at } = write;
    const patch: Parameters<typeof updateMeeting>[2] = {
      updated_at: at,
      sequence: meeting.sequence + 1,
      change_note: input.note,
      ...(input.durationMinutes ? { duration_minutes: input.durationMinutes } : {}),
      ...(input.venue ? venueColumns(input.venue) : {}),
    };
    const moved =
      input.start !== undefined && input.start !== utcToLocal(meeting.starts_at, meeting.time_zone);
    if (moved && input.start) {
      const startsAt = localToUtc(input.start, meeting.time_zone);
      if (Date.parse(startsAt) <= now.getTime()) {
        throw fieldError('start', 'time_passed', 'Choose a time that has not passed yet.');
      }
      patch.starts_at = startsAt;
      patch.original_starts_at = meeting.original_starts_at ?? meeting.starts_at;
    }
    await updateMeeting(trx, meetingId, patch);
    const updated = (await findMeeting(trx, meetingId)) as MeetingWithGroup;
    await tellMembers(deps, write, {
      meeting: updated,
      kind: 'meeting.changed',
      note: input.note,
      except: viewer.userId,
    });
    if (moved) await replanRota(write);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: meeting.group_id,
      action: 'meeting.changed',
      subjectId: meetingId,
    });
  });
}
