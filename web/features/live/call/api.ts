/** A recording's slices, up from this device (the meeting's page lists and erases tracks). */
import { path, putBytes } from '../../../lib/api';

export interface SliceKey {
  meetingId: string;
  recordingId: string;
  userId: string;
  seq: number;
}

export const putSlice = (k: SliceKey, data: Blob) =>
  putBytes<{ seq: number; stored: boolean }>(
    path`/api/meetings/${k.meetingId}/recordings/${k.recordingId}/tracks/${k.userId}/slices/${k.seq}`,
    data,
  );
