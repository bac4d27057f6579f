import { measuredIn, spokenInPart, spokenTotal } from '../../../core/domain/call';
import type { RoomState } from '../../../core/domain/live';
import { LATE_AFTER_MINUTES, minutesLate } from '../../../core/domain/meetings';
import { equality, equalityKey } from '../../../core/domain/speaking';
import { AppError } from '../../../core/errors';
import type { ReflectionBody, SpeakingRecordView } from '../../../core/protocol/speaking';
import { authorize } from '../../access/requireGroupAccess';
import { type MeetingAccess, requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findRoom, listGroupRooms, type RoomRow } from '../../db/queries/liveRooms';
import { listAttendance } from '../../db/queries/meetings';
import { listMembers } from '../../db/queries/memberships';
import {
  deleteReflection,
  findReflection,
  listSharedReflections,
  saveReflection,
} from '../../db/queries/reflections';
import type { Deps } from '../../deps';

/** How many of the group's sessions the record compares. */
const HISTORY = 12;

/** Who took part in a session: everyone who came in, other than observers. */
const takingPart = (state: RoomState) => state.participants.filter((p) => !p.observer);

/**
 * Each person's time, speaking now included (a session under way counts up to `at`): in a
 * part where their own device measured them in the call, what it heard (core/domain/call.ts).
 */
function timesAt(state: RoomState, at: number): Map<string, number> {
  const times = new Map(takingPart(state).map((p) => [p.userId, spokenTotal(state, p.userId)]));
  if (state.speaking && !measuredIn(state, state.speaking.phaseId, state.speaking.userId)) {
    const { userId, since } = state.speaking;
    times.set(userId, (times.get(userId) ?? 0) + Math.max(0, at - since));
  }
  return times;
}

function equalityOf(times: number[]) {
  const e = equality(times);
  return e && { ...e, words: equalityKey(e) };
}

/**
 * How time was shared at a session: the viewer's own numbers, the group's picture (no names,
 * smallest share first), the same across the group's sessions, and the reflections. Members
 * only; the shares carry no names, so nobody is ranked.
 */
export async function getSpeakingRecord(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<SpeakingRecordView> {
  const access = await requireMeetingAccess(deps, viewer, input.meetingId);
  authorize(access, 'live.review');
  return recordFor(deps, viewer, access);
}

/** The record as `getSpeakingRecord` gives it, for access already decided (and the room, if read). */
async function recordFor(
  deps: Deps,
  viewer: Viewer,
  access: MeetingAccess,
  known?: RoomRow,
): Promise<SpeakingRecordView> {
  const { meeting, group } = access;
  const at = deps.now().getTime();
  const [room, attendance, members, mine, shared, rooms] = await Promise.all([
    known ?? findRoom(deps.db, meeting.id),
    listAttendance(deps.db, meeting.id),
    listMembers(deps.db, meeting.group_id),
    findReflection(deps.db, meeting.id, viewer.userId),
    listSharedReflections(deps.db, meeting.id),
    listGroupRooms(deps.db, meeting.group_id, HISTORY),
  ]);
  const state = room?.state;
  const times = state ? timesAt(state, at) : new Map<string, number>();
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const arrivals = new Map(
    attendance.filter((a) => a.arrived_at).map((a) => [a.user_id, a.arrived_at as string]),
  );
  const lateness = (userId: string) => {
    const arrived = arrivals.get(userId);
    return arrived ? minutesLate(meeting.starts_at, arrived) : null;
  };
  const here = times.has(viewer.userId);
  const parts = (state?.held ?? [])
    .map((id) => state?.phases.find((p) => p.id === id))
    .filter((p) => p !== undefined);
  const partTotal = (id: string) =>
    Object.values(state ? spokenInPart(state, id) : {}).reduce((a, b) => a + b, 0);
  const marks = new Map<string, number>();
  for (const m of state?.adviceMarks ?? []) marks.set(m.phaseId, (marks.get(m.phaseId) ?? 0) + 1);
  return {
    meetingId: meeting.id,
    groupId: meeting.group_id,
    groupName: group.name,
    startsAt: meeting.starts_at,
    session: !state || state.status === 'waiting' ? 'none' : state.status,
    parts: parts.map((p) => ({ id: p.id, title: p.title, spokenMs: partTotal(p.id) })),
    you: here
      ? {
          spokenMs: times.get(viewer.userId) ?? 0,
          byPart: parts.map((p) => ({
            partId: p.id,
            spokenMs:
              (state ? (spokenInPart(state, p.id)[viewer.userId] ?? 0) : 0) +
              (state?.speaking?.userId === viewer.userId &&
              state.speaking.phaseId === p.id &&
              !measuredIn(state, p.id, viewer.userId)
                ? Math.max(0, at - state.speaking.since)
                : 0),
          })),
          arrivedAt: arrivals.get(viewer.userId) ?? null,
          lateMinutes: lateness(viewer.userId),
        }
      : null,
    group: {
      people: times.size,
      totalMs: total,
      fairShareMs: times.size > 0 ? Math.round(total / times.size) : 0,
      shares: [...times.entries()]
        .map(([userId, spokenMs]) => ({ spokenMs, you: userId === viewer.userId }))
        .sort((a, b) => a.spokenMs - b.spokenMs || Number(a.you) - Number(b.you)),
      equality: equalityOf([...times.values()]),
      members: members.length,
      late: [...times.keys()].filter((id) => (lateness(id) ?? 0) > LATE_AFTER_MINUTES).length,
      unaskedAdvice: (state?.phases ?? [])
        .filter((p) => marks.has(p.id))
        .map((p) => ({ title: p.title, count: marks.get(p.id) ?? 0 })),
    },
    history: rooms
      .filter((r) => r.state.status !== 'waiting')
      .map((r) => {
        const past = timesAt(r.state, at);
        return {
          meetingId: r.meetingId,
          startsAt: r.startsAt,
          people: past.size,
          equality: equalityOf([...past.values()]),
          yourMs: past.get(viewer.userId) ?? null,
          unaskedAdvice: r.state.adviceMarks.length,
        };
      }),
    reflection: mine
      ? {
          words: mine.words,
          rating: mine.rating,
          shared: mine.shared === 1,
          updatedAt: mine.updated_at,
        }
      : null,
    canReflect: here && group.stage !== 'adjourned',
    sharedReflections: shared.map((r) => ({
      userId: r.user_id,
      name: r.display_name,
      words: r.words,
      rating: r.rating,
    })),
  };
}

/** Checks the viewer may reflect on this session: a member who was there. */
async function requireReflecting(deps: Deps, viewer: Viewer, meetingId: string) {
  const access = await requireMeetingAccess(deps, viewer, meetingId);
  authorize(access, 'live.reflect');
  const room = await findRoom(deps.db, meetingId);
  if (!room || !takingPart(room.state).some((p) => p.userId === viewer.userId)) {
    throw new AppError(
      'reflection.not_there',
      'Reflections are for the people who were at the session.',
    );
  }
  return { access, room };
}

/** Keeps the viewer's check-out reflection (the same again changes nothing but the time). */
export async function putReflection(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; body: ReflectionBody },
): Promise<SpeakingRecordView> {
  const { access, room } = await requireReflecting(deps, viewer, input.meetingId);
  await saveReflection(deps.db, {
    meeting_id: input.meetingId,
    user_id: viewer.userId,
    words: input.body.words,
    rating: input.body.rating,
    shared: input.body.shared ? 1 : 0,
    at: deps.now().toISOString(),
  });
  return recordFor(deps, viewer, access, room);
}

/** Takes the viewer's reflection back. */
export async function removeReflection(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<SpeakingRecordView> {
  const access = await requireMeetingAccess(deps, viewer, input.meetingId);
  authorize(access, 'live.review');
  await deleteReflection(deps.db, input.meetingId, viewer.userId);
  return recordFor(deps, viewer, access);
}
