import { mayUpload } from '../../../core/domain/recording';
import { AppError } from '../../../core/errors';
import { MAX_SLICES, MAX_TRACK_BYTES } from '../../../core/protocol/recordings';
import type { Viewer } from '../../access/viewer';
import {
  countSlice,
  ensureTrack,
  findSliceData,
  findTrack,
  insertSlice,
} from '../../db/queries/recordings';
import type { Deps } from '../../deps';
import { recordingIn, recordingsOf, requireOwnTrack } from './recordingOf';

/**
 * Stores one slice of a person's own track, as their device recorded it. Safe to send again:
 * the same slice twice is stored once (a device that lost the answer sends it again), and a
 * different slice under the same number is refused. Only for a recording the person agreed
 * to and was recorded in, while the group keeps it, unless they erased their track.
 */
export async function putSlice(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; recordingId: string; userId: string; seq: number; data: Uint8Array },
): Promise<{ seq: number; stored: boolean }> {
  requireOwnTrack(viewer, input.userId);
  if (input.data.length === 0) {
    throw new AppError('recording.empty', 'That piece of the recording was empty.');
  }
  const of = await recordingsOf(deps, viewer, input.meetingId);
  const now = deps.now();
  const recording = recordingIn(of, input.recordingId, now.getTime());
  if (!of.state || !mayUpload(of.state, recording.id, viewer.userId)) {
    throw new AppError('recording.not_recorded', 'You were not recorded in this recording.');
  }
  const key = { meeting_id: input.meetingId, recording_id: recording.id, user_id: viewer.userId };
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const track = await findTrack(trx, key);
    if (track?.erased_at) throw new AppError('recording.erased', 'This track was erased.');
    if (
      track &&
      (track.slices >= MAX_SLICES || track.bytes + input.data.length > MAX_TRACK_BYTES)
    ) {
      throw new AppError('request.too_large', 'This track is as long as a recording can be.');
    }
    if (!track) {
      await ensureTrack(trx, {
        ...key,
        group_id: of.access.meeting.group_id,
        started_at: new Date(recording.startedAt).toISOString(),
        updated_at: at,
      });
    }
    const slice = { ...key, seq: input.seq };
    if (await insertSlice(trx, { ...slice, data: input.data, received_at: at })) {
      await countSlice(trx, slice, input.data.length, at);
      return { seq: input.seq, stored: true };
    }
    const held = await findSliceData(trx, slice);
    if (held && Buffer.from(held).equals(Buffer.from(input.data))) {
      return { seq: input.seq, stored: false };
    }
    throw new AppError(
      'recording.slice_conflict',
      'A different piece of this recording arrived already.',
    );
  });
}
