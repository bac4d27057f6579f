/** What every recordings use case needs first: the meeting, the viewer's access, the room. */
import type { Recording, RoomState } from '../../../core/domain/live';
import { AppError } from '../../../core/errors';
import { authorize } from '../../access/requireGroupAccess';
import { type MeetingAccess, requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findRoom } from '../../db/queries/liveRooms';
import type { Deps } from '../../deps';

const DAY_MS = 86_400_000;

export interface RecordingsAccess {
  access: MeetingAccess;
  /** The session's room, or null when it was never opened (then nothing was recorded). */
  state: RoomState | null;
  /** How long the group keeps recordings (ms). */
  keepMs: number;
}

/** The meeting's room and the viewer's access to its recordings (`live.recordings`). */
export async function recordingsOf(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
): Promise<RecordingsAccess> {
  const access = await requireMeetingAccess(deps, viewer, meetingId);
  authorize(access, 'live.recordings', access.facts);
  const room = await findRoom(deps.db, meetingId);
  return {
    access,
    state: room?.state ?? null,
    keepMs: access.group.recording_retention_days * DAY_MS,
  };
}

/** The recordings that started and are still kept. */
export function keptRecordings(
  { state, keepMs }: RecordingsAccess,
  now: number,
): (Recording & { startedAt: number })[] {
  return (state?.recordings ?? []).filter(
    (r): r is Recording & { startedAt: number } =>
      r.startedAt !== null && r.startedAt + keepMs > now,
  );
}

/** One recording of the meeting that started, or why there is none to use. */
export function recordingIn(
  of: RecordingsAccess,
  recordingId: string,
  now: number,
): Recording & { startedAt: number } {
  const recording = of.state?.recordings.find((r) => r.id === recordingId);
  if (!recording || recording.startedAt === null) {
    throw new AppError('not_found', 'We could not find that recording.');
  }
  if (recording.startedAt + of.keepMs <= now) {
    throw new AppError(
      'recording.expired',
      'The group keeps recordings for less time than this one has been kept.',
    );
  }
  return { ...recording, startedAt: recording.startedAt };
}

/** Only the person a track records may send or erase it. */
export function requireOwnTrack(viewer: Viewer, userId: string): void {
  if (viewer.userId !== userId) {
    throw new AppError(
      'recording.not_yours',
      'Only the person a track records can send or erase it.',
    );
  }
}
