import { AppError } from '../../../core/errors';
import type { Viewer } from '../../access/viewer';
import { findRoom } from '../../db/queries/liveRooms';
import { eraseTrack as eraseTrackRows } from '../../db/queries/recordings';
import type { Deps } from '../../deps';
import { requireOwnTrack } from './recordingOf';

/**
 * Erases a person's own track of a recording: what arrived is deleted, and slices still on
 * their device are refused when they come. Anyone a recording recorded may erase their own
 * voice, still in the group or not; erasing again changes nothing.
 */
export async function eraseTrack(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; recordingId: string; userId: string },
): Promise<void> {
  requireOwnTrack(viewer, input.userId);
  // No gate to the group: being recorded in it is what lets a person erase their own voice,
  // members and someone who has left the group since alike (and nobody else learns it is there).
  const room = await findRoom(deps.db, input.meetingId);
  const recording = room?.state.recordings.find((r) => r.id === input.recordingId);
  if (!room || !recording?.startedAt || !recording.recorded.includes(viewer.userId)) {
    throw new AppError('not_found', 'We could not find that recording.');
  }
  const at = deps.now().toISOString();
  await deps.db.transaction().execute((trx) =>
    eraseTrackRows(
      trx,
      {
        meeting_id: input.meetingId,
        recording_id: recording.id,
        user_id: viewer.userId,
        group_id: room.group_id,
        started_at: new Date(recording.startedAt ?? 0).toISOString(),
      },
      at,
    ),
  );
}
