/**
 * Recording's numbers, apart from its rules (recording.ts) so that a page that only shows a
 * setting does not load the room's state machine.
 */
/** How long each slice a device records and uploads is. */
export const SLICE_MS = 5_000;
/** The most recordings one session may make (asking again after a "no" included). */
export const RECORDINGS_MAX = 20;
/** How long a group may keep its recordings, in days (30 unless it chooses: migration 020). */
export const RETENTION_DAYS = [7, 30, 90, 365] as const;
