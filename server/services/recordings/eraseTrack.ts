import { AppError } from '../../../core/errors';
import type { RecordingsView } from '../../../core/protocol/recordings';
import type { Viewer } from '../../access/viewer';
import { eraseTrack as eraseTrackRows } from '../../db/queries/recordings';
import type { Deps } from '../../deps';
import { recordingsView } from './listRecordings';
import { recordingIn, recordingsOf, requireOwnTrack } from './recordingOf';

/**
 * Erases a person's own track of a recording: what arrived is deleted, and slices still on
 * their device are refused when they come. Erasing again changes nothing.
 */
export async function eraseTrack(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; recordingId: string; userId: string },
): Promise<RecordingsView> {
  requireOwnTrack(viewer, input.userId);
  const of = await recordingsOf(deps, viewer, input.meetingId);
  const recording = recordingIn(of, input.recordingId, deps.now().getTime());
  if (!recording.recorded.includes(viewer.userId)) {
    throw new AppError('recording.not_recorded', 'You were not recorded in this recording.');
  }
  await deps.db.transaction().execute((trx) =>
    eraseTrackRows(
      trx,
      {
        meeting_id: input.meetingId,
        recording_id: recording.id,
        user_id: viewer.userId,
        group_id: of.access.meeting.group_id,
        started_at: new Date(recording.startedAt).toISOString(),
      },
      deps.now().toISOString(),
    ),
  );
  return recordingsView(deps, viewer, of);
}
