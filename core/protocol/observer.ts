/**
 * The observer's notes (read only by the observer and the meeting's facilitator), the group's
 * codebook for them, and the session's timeline.
 */
import { z } from 'zod';
import { codebookSchema, codeSchema } from '../domain/codebook';
import { HAPPENINGS } from '../domain/timeline';

export const NOTE_TEXT_MAX = 1000;

export const noteParams = z.object({
  meetingId: z.string().min(1).max(64),
  /** Chosen by the observer's device, so a note saved twice is one note. */
  noteId: z.uuid(),
});

export const noteBody = z.strictObject({
  code: z.string().trim().min(1).max(40),
  text: z.string().trim().max(NOTE_TEXT_MAX),
  partId: z.string().min(1).max(64).nullable(),
  people: z.array(z.string().min(1).max(64)).max(20),
  /** Server milliseconds: the moment, or when the span began. */
  startsAt: z.number().int().nonnegative(),
  /** When the span ended; null for a moment (or a span still running). */
  endsAt: z.number().int().nonnegative().nullable(),
  span: z.boolean(),
});
export type NoteBody = z.infer<typeof noteBody>;

export const noteView = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  code: z.string(),
  text: z.string(),
  partId: z.string().nullable(),
  people: z.array(z.object({ userId: z.string(), name: z.string() })),
  startsAt: z.number(),
  endsAt: z.number().nullable(),
  span: z.boolean(),
  updatedAt: z.string(),
});
export type NoteView = z.infer<typeof noteView>;

export const notesView = z.object({
  notes: z.array(noteView),
  /** Whose notes these are: the viewer's own (the observer), or all (the facilitator). */
  scope: z.enum(['own', 'all']),
  /** The group's codebook, for taking notes (an observer from outside reads it only here). */
  codes: z.array(codeSchema),
});
export type NotesView = z.infer<typeof notesView>;

export const codebookView = z.object({
  codes: z.array(codeSchema),
  /** Whether the viewer may change it (stewards). */
  canEdit: z.boolean(),
});
export type CodebookView = z.infer<typeof codebookView>;

export const codebookBody = z.strictObject({ codes: codebookSchema });

export const TIMELINE_KINDS = [...HAPPENINGS, 'note'] as const;

export const timelineEntry = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** The part it happened in, by title. */
  part: z.string().nullable(),
  /** Who it was about, by name (for a note: the people it names). */
  who: z.string().nullable(),
  /** For a note: its code, its words, and when a span ended. */
  code: z.string().nullable(),
  text: z.string().nullable(),
  until: z.string().nullable(),
});

export const timelineView = z.object({
  meetingId: z.string(),
  groupName: z.string(),
  startsAt: z.string(),
  /** Whether the observer's notes are in it (only for the observer and the facilitator). */
  withNotes: z.boolean(),
  entries: z.array(timelineEntry),
});
export type TimelineView = z.infer<typeof timelineView>;

/** A small group's own notes: read by its people, and by everyone once they chose to share. */
export const groupNotesParams = z.object({
  meetingId: z.string().min(1).max(64),
  breakoutsId: z.string().min(1).max(32),
  groupId: z.string().min(1).max(16),
});
export const GROUP_NOTES_MAX = 4000;
export const groupNotesBody = z.strictObject({ text: z.string().max(GROUP_NOTES_MAX) });
export const groupNotesView = z.object({
  groupName: z.string(),
  text: z.string(),
  updatedAt: z.string().nullable(),
  /** The viewer is in the group and it is still running: they may write. */
  canEdit: z.boolean(),
  /** Everyone in the session may read it (its people chose to share it). */
  shared: z.boolean(),
});
export type GroupNotesView = z.infer<typeof groupNotesView>;
