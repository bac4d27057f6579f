/**
 * Recordings of a session's call (core/domain/recording.ts): each person's device uploads
 * slices of its own microphone; members list and download each person's track; anyone recorded
 * may erase their own.
 */
import { z } from 'zod';
import { id } from './common';
import { meetingParams } from './meetings';

/** The most slices one track may have: over eight hours of five-second slices. */
export const MAX_SLICES = 6_000;
/**
 * The highest number a slice may have. A device numbers a track's slices one after another,
 * and a device that kept no count starts a take at the seconds since the recording started.
 */
export const MAX_SEQ = 99_999;
/** The largest slice Hearth takes (five seconds of Opus is a few tens of kilobytes). */
export const MAX_SLICE_BYTES = 512 * 1024;
/** The most one person's track may hold: eight hours at 32 kb/s is about 115 MB. */
export const MAX_TRACK_BYTES = 256 * 1024 * 1024;
/** What a slice is sent as. */
export const SLICE_TYPES = ['audio/webm', 'application/octet-stream'] as const;

export const recordingParams = meetingParams.extend({ recordingId: z.string().min(1).max(32) });
export const trackParams = recordingParams.extend({ userId: id });
export const sliceParams = trackParams.extend({
  seq: z.coerce.number().int().min(0).max(MAX_SEQ),
});

/** Whether the slice was stored now, or had arrived before (the same bytes). */
export const sliceResult = z.object({ seq: z.number().int(), stored: z.boolean() });

export const recordingsView = z.object({
  /** How many days the group keeps recordings. */
  retentionDays: z.number().int(),
  /** Whether the viewer may download tracks (members may). */
  canDownload: z.boolean(),
  recordings: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['on', 'stopped']),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      /** When it will be erased, by the group's retention. */
      erasedAt: z.string(),
      tracks: z.array(
        z.object({
          userId: z.string(),
          name: z.string(),
          /** Slices arrived so far (five seconds each, about). */
          slices: z.number().int(),
          bytes: z.number().int(),
          /** The person erased it. */
          erased: z.boolean(),
          yours: z.boolean(),
        }),
      ),
    }),
  ),
});
export type RecordingsView = z.infer<typeof recordingsView>;

/** The recordings of the viewer's own voice that still hold something, newest first. */
export const myTracksView = z.object({
  items: z.array(
    z.object({
      meetingId: z.string(),
      recordingId: z.string(),
      groupName: z.string(),
      startedAt: z.string(),
      slices: z.number().int(),
    }),
  ),
});
export type MyTracksView = z.infer<typeof myTracksView>;
