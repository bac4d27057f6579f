import { AppError } from '../../../core/errors';
import { authorize } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findTrack, slicePage } from '../../db/queries/recordings';
import type { Deps } from '../../deps';
import { joinSlices, type Slice } from '../../recordings/webm';
import { recordingIn, recordingsOf } from './recordingOf';

/** How many slices are read at a time. */
const PAGE = 200;

/**
 * One person's track of a recording, as one WebM file: members only. The slices that arrived,
 * joined in order (server/recordings/webm.ts); a slice still on its way leaves a short gap.
 */
export async function downloadTrack(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; recordingId: string; userId: string },
): Promise<{ fileName: string; parts: Uint8Array[]; bytes: number }> {
  const of = await recordingsOf(deps, viewer, input.meetingId);
  authorize(of.access, 'live.download', of.access.facts);
  const recording = recordingIn(of, input.recordingId, deps.now().getTime());
  const key = { meeting_id: input.meetingId, recording_id: recording.id, user_id: input.userId };
  const track = await findTrack(deps.db, key);
  if (!track || track.erased_at || track.slices === 0) {
    throw new AppError('not_found', 'Nothing of this track has arrived, or it was erased.');
  }
  const slices: Slice[] = [];
  for (let from = 0; ; ) {
    const page = await slicePage(deps.db, key, from, PAGE);
    slices.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    from = last.seq + 1;
  }
  const parts = joinSlices(slices);
  if (parts.length === 0) {
    throw new AppError('not_found', 'The start of this track has not arrived yet.');
  }
  const person = of.state?.participants.find((p) => p.userId === input.userId)?.name ?? 'person';
  const day = new Date(recording.startedAt).toISOString().slice(0, 10);
  return {
    fileName: `${of.access.group.name} ${day} ${person}.webm`,
    parts,
    bytes: parts.reduce((n, p) => n + p.length, 0),
  };
}
