import type { RecordingsView } from '../../../core/protocol/recordings';
import { allows } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listTracks } from '../../db/queries/recordings';
import type { Deps } from '../../deps';
import { keptRecordings, type RecordingsAccess, recordingsOf } from './recordingOf';

/**
 * A meeting's recordings still kept, each with a track for everyone it recorded: members see
 * them all; an observer from outside the group, only their own.
 */
export async function listRecordings(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<RecordingsView> {
  return recordingsView(deps, viewer, await recordingsOf(deps, viewer, input.meetingId));
}

/** The recordings as the viewer may see them, for access already decided. */
export async function recordingsView(
  deps: Deps,
  viewer: Viewer,
  of: RecordingsAccess,
): Promise<RecordingsView> {
  const canDownload = allows(of.access, 'live.download', of.access.facts);
  const kept = keptRecordings(of, deps.now().getTime());
  const tracks = kept.length > 0 ? await listTracks(deps.db, of.access.meeting.id) : [];
  const names = new Map(of.state?.participants.map((p) => [p.userId, p.name]));
  return {
    retentionDays: of.access.group.recording_retention_days,
    canDownload,
    recordings: kept.map((r) => ({
      id: r.id,
      status: r.status === 'on' ? 'on' : 'stopped',
      startedAt: new Date(r.startedAt).toISOString(),
      endedAt: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
      erasedAt: new Date(r.startedAt + of.keepMs).toISOString(),
      tracks: r.recorded
        .filter((id) => canDownload || id === viewer.userId)
        .map((id) => {
          const track = tracks.find((t) => t.recording_id === r.id && t.user_id === id);
          return {
            userId: id,
            name: names.get(id) ?? '',
            slices: track?.slices ?? 0,
            bytes: track?.bytes ?? 0,
            erased: track?.erased_at != null,
            yours: id === viewer.userId,
          };
        }),
    })),
  };
}
