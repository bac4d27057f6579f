import type { z } from 'zod';
import { localToUtc, utcToLocal } from '../../../core/domain/recurrence';
import { AppError, type FieldProblems } from '../../../core/errors';
import type { attendanceBody, MeetingDetail } from '../../../core/protocol/meetings';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { upsertAttendance } from '../../db/queries/meetings';
import { listMemberIds } from '../../db/queries/memberships';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getMeeting } from './getMeeting';

/**
 * Who came and when they arrived, recorded by the meeting's facilitator (or a steward)
 * from an hour before the start. The live session fills this in by itself as people arrive.
 */
export async function recordAttendance(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string } & z.output<typeof attendanceBody>,
): Promise<MeetingDetail> {
  const { meetingId } = input;
  const { meeting } = await requireMeetingAccess(
    deps,
    viewer,
    meetingId,
    'meeting.recordAttendance',
  );
  const now = deps.now();
  if (meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so nobody attended.', {
      params: { why: 'cancelled' },
    });
  }
  if (now.getTime() < Date.parse(meeting.starts_at) - 60 * 60_000) {
    throw new AppError(
      'meeting.closed',
      'Attendance can be recorded from an hour before the meeting.',
      { params: { why: 'not_yet' } },
    );
  }
  const day = utcToLocal(meeting.starts_at, meeting.time_zone).slice(0, 10);
  await withGroupLock(deps, meeting.group_id, async ({ trx, groupId, at }) => {
    const members = new Set(await listMemberIds(trx, groupId));
    const fields: FieldProblems = {};
    input.records.forEach((record, index) => {
      if (!members.has(record.userId)) {
        fields[`records.${index}.userId`] = {
          code: 'not_a_member',
          message: 'This person is not a member of the group.',
        };
      }
    });
    if (Object.keys(fields).length > 0) {
      throw new AppError('request.invalid', 'Someone in the list is not a member of the group.', {
        fields,
      });
    }
    for (const record of input.records) {
      await upsertAttendance(trx, {
        meeting_id: meetingId,
        user_id: record.userId,
        status: record.status,
        arrived_at:
          record.status === 'present' && record.arrivedAt
            ? localToUtc(`${day}T${record.arrivedAt}`, meeting.time_zone)
            : null,
        recorded_by: viewer.userId,
        recorded_at: at,
      });
    }
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'attendance.recorded',
      subjectId: meetingId,
    });
  });
  return getMeeting(deps, viewer, { meetingId });
}
