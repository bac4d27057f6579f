import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localToUtc, utcToLocal } from '../../../core/domain/recurrence';
import { AppError } from '../../../core/errors';
import type {
  attendanceBody,
  cancelMeetingBody,
  changeMeetingBody,
  MeetingDetail,
  rsvpBody,
} from '../../../core/protocol/meetings';
import {
  findMeeting,
  findRsvp,
  type MeetingWithGroup,
  updateMeeting,
  upsertAttendance,
  upsertRsvp,
} from '../../db/queries/meetings';
import { listMemberContacts, listMemberIds } from '../../db/queries/memberships';
import { insertNotifications } from '../../db/queries/notifications';
import { returnRolesToRota } from '../../db/queries/roles';
import type { Database } from '../../db/tables';
import { meetingCancelledMail, meetingChangedMail } from '../../mail/messages';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';
import { queueMail } from '../mail/queueMail';
import { meetingFacts } from '../mail/queueReminders';
import { recordAudit } from '../recordAudit';
import { allow, meetingAccess } from './access';
import { replanRota } from './replanRota';
import { venueColumns } from './venue';
import { buildMeetingDetail } from './views';

export async function getMeeting(deps: Deps, viewer: Viewer, meetingId: string) {
  return buildMeetingDetail(deps, viewer, await meetingAccess(deps, viewer, meetingId));
}

function requireUpcoming(meeting: MeetingWithGroup, now: Date): void {
  if (meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so it cannot be changed.');
  }
  if (Date.parse(meeting.starts_at) <= now.getTime()) {
    throw new AppError('meeting.closed', 'This meeting has started, so it cannot be changed now.');
  }
}

/** Tells the members, in the app and by mail if they want it, that a meeting changed. */
async function tellMembers(
  deps: Deps,
  trx: Kysely<Database>,
  meeting: MeetingWithGroup,
  kind: 'meeting.changed' | 'meeting.cancelled',
  note: string | null,
  except: string,
  at: string,
): Promise<void> {
  const members = (await listMemberIds(trx, meeting.group_id)).filter((id) => id !== except);
  await insertNotifications(
    trx,
    members.map((userId) => ({
      id: newId(),
      user_id: userId,
      group_id: meeting.group_id,
      kind,
      subject_id: meeting.id,
      created_at: at,
      read_at: null,
    })),
  );
  const facts = meetingFacts(deps.config.publicUrl, meeting);
  await queueMail(trx, {
    publicUrl: deps.config.publicUrl,
    to: await listMemberContacts(trx, meeting.group_id, members),
    kind,
    at,
    wants: (p) => p.changes,
    write: (context) =>
      kind === 'meeting.cancelled'
        ? meetingCancelledMail(context, facts, note ?? '')
        : meetingChangedMail(context, facts, note),
  });
}

/**
 * Changes an upcoming meeting: checks the viewer may, then runs `work` in a transaction
 * holding the group's lock with the meeting as it stands under that lock (still upcoming),
 * and answers with the meeting as the viewer now sees it.
 */
async function changeUpcoming(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  permission: { action: 'change' | 'cancel' | 'rsvp'; refusal: string },
  work: (trx: Kysely<Database>, meeting: MeetingWithGroup, now: Date, at: string) => Promise<void>,
): Promise<MeetingDetail> {
  const access = await meetingAccess(deps, viewer, meetingId);
  allow(access, permission.action, permission.refusal);
  const now = deps.now();
  requireUpcoming(access.meeting, now);
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, access.meeting.group_id, at);
    const meeting = (await findMeeting(trx, meetingId)) as MeetingWithGroup;
    requireUpcoming(meeting, now);
    await work(trx, meeting, now, at);
  });
  return getMeeting(deps, viewer, meetingId);
}

/** Moves one meeting, changes its length or venue; members are told, with the note. */
export async function changeMeeting(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  input: z.output<typeof changeMeetingBody>,
): Promise<MeetingDetail> {
  const permission = {
    action: 'change' as const,
    refusal: 'Only the meeting’s host or a steward can change it.',
  };
  return changeUpcoming(deps, viewer, meetingId, permission, async (trx, meeting, now, at) => {
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
        const message = 'Choose a time that has not passed yet.';
        throw new AppError('request.invalid', message, { fields: { start: message } });
      }
      patch.starts_at = startsAt;
      patch.original_starts_at = meeting.original_starts_at ?? meeting.starts_at;
    }
    await updateMeeting(trx, meetingId, patch);
    const updated = (await findMeeting(trx, meetingId)) as MeetingWithGroup;
    await tellMembers(deps, trx, updated, 'meeting.changed', input.note, viewer.userId, at);
    if (moved) await replanRota(trx, meeting.group_id, now);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: meeting.group_id,
      action: 'meeting.changed',
      subjectId: meetingId,
    });
  });
}

/** Cancels one meeting with a note to members; the rest of the schedule stays. */
export async function cancelMeeting(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  input: z.output<typeof cancelMeetingBody>,
): Promise<MeetingDetail> {
  const permission = {
    action: 'cancel' as const,
    refusal: 'Only the meeting’s host or a steward can cancel it.',
  };
  return changeUpcoming(deps, viewer, meetingId, permission, async (trx, meeting, now, at) => {
    await updateMeeting(trx, meetingId, {
      status: 'cancelled',
      change_note: input.note,
      sequence: meeting.sequence + 1,
      updated_at: at,
    });
    const cancelled = { ...meeting, status: 'cancelled' as const };
    await tellMembers(deps, trx, cancelled, 'meeting.cancelled', input.note, viewer.userId, at);
    await replanRota(trx, meeting.group_id, now);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: meeting.group_id,
      action: 'meeting.cancelled',
      subjectId: meetingId,
    });
  });
}

/** Going, maybe or not going. "Not going" frees the person's roles for someone else. */
export async function respondToMeeting(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  input: z.output<typeof rsvpBody>,
): Promise<MeetingDetail> {
  const permission = {
    action: 'rsvp' as const,
    refusal: 'Only members can say whether they are coming.',
  };
  return changeUpcoming(deps, viewer, meetingId, permission, async (trx, meeting, now, at) => {
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
    await replanRota(trx, meeting.group_id, now);
  });
}

/**
 * Who came and when they arrived, recorded by the meeting's facilitator (or a steward)
 * from an hour before the start. The live session will fill this in by itself later.
 */
export async function recordAttendance(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
  input: z.output<typeof attendanceBody>,
): Promise<MeetingDetail> {
  const access = await meetingAccess(deps, viewer, meetingId);
  allow(
    access,
    'recordAttendance',
    'Only the meeting’s facilitator or a steward can record who came.',
  );
  const { meeting } = access;
  const now = deps.now();
  if (meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so nobody attended.');
  }
  if (now.getTime() < Date.parse(meeting.starts_at) - 60 * 60_000) {
    throw new AppError(
      'meeting.closed',
      'Attendance can be recorded from an hour before the meeting.',
    );
  }
  const members = new Set(await listMemberIds(deps.db, meeting.group_id));
  const fields: Record<string, string> = {};
  input.records.forEach((record, index) => {
    if (!members.has(record.userId)) {
      fields[`records.${index}.userId`] = 'This person is not a member of the group.';
    }
  });
  if (Object.keys(fields).length > 0) {
    throw new AppError('request.invalid', 'Someone in the list is not a member of the group.', {
      fields,
    });
  }
  const day = utcToLocal(meeting.starts_at, meeting.time_zone).slice(0, 10);
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
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
      groupId: meeting.group_id,
      action: 'attendance.recorded',
      subjectId: meetingId,
    });
  });
  return getMeeting(deps, viewer, meetingId);
}
