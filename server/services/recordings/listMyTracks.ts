import type { MyTracksView } from '../../../core/protocol/recordings';
import type { Viewer } from '../../access/viewer';
import { listTracksOf } from '../../db/queries/recordings';
import type { Deps } from '../../deps';

/**
 * The recordings of the viewer's own voice that still hold something, wherever they were made
 * (in a group they have left too), so each person can find and erase their own.
 */
export async function listMyTracks(deps: Deps, viewer: Viewer): Promise<MyTracksView> {
  const rows = await listTracksOf(deps.db, viewer.userId);
  return {
    items: rows.map((r) => ({
      meetingId: r.meeting_id,
      recordingId: r.recording_id,
      groupName: r.group_name,
      startedAt: r.started_at,
      slices: r.slices,
    })),
  };
}
