/**
 * After a session: how time was shared, and each person's check-out reflection. Each person
 * sees their own numbers; the group's picture names nobody and ranks nobody.
 */
import { z } from 'zod';

export const REFLECTION_MAX = 280;

/** A check-out reflection: how was today, in a word or a line, and an optional 1–5. */
export const reflectionBody = z.strictObject({
  words: z.string().trim().min(1).max(REFLECTION_MAX),
  rating: z.number().int().min(1).max(5).nullable(),
  /** True: the group may read it (with the person's name); false: only its author. */
  shared: z.boolean(),
});
export type ReflectionBody = z.infer<typeof reflectionBody>;

export const reflectionView = z.object({
  words: z.string(),
  rating: z.number().int().nullable(),
  shared: z.boolean(),
  updatedAt: z.string(),
});
export type ReflectionView = z.infer<typeof reflectionView>;

export const EQUALITY_WORDS = ['even', 'fairly_even', 'uneven', 'very_uneven'] as const;

const equalityView = z
  .object({
    /** Normalised Gini, 0 (even) to 1 (one voice). */
    gini: z.number(),
    /** The largest share over the fair share. */
    largestOverFair: z.number(),
    words: z.enum(EQUALITY_WORDS),
  })
  .nullable();

export const speakingRecordView = z.object({
  meetingId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  startsAt: z.string(),
  /** Whether the session has not happened, is under way, or has ended. */
  session: z.enum(['none', 'running', 'ended']),
  /** The parts that were held, in order, with the time spoken in each (everyone's). */
  parts: z.array(z.object({ id: z.string(), title: z.string(), spokenMs: z.number() })),
  /** The viewer's own numbers; null when they were not at the session. */
  you: z
    .object({
      spokenMs: z.number(),
      byPart: z.array(z.object({ partId: z.string(), spokenMs: z.number() })),
      arrivedAt: z.string().nullable(),
      /** Minutes after the start they arrived (0 when on time), or null when not recorded. */
      lateMinutes: z.number().int().nullable(),
    })
    .nullable(),
  /** The group's picture: no names, no ranking by person. */
  group: z.object({
    people: z.number().int(),
    totalMs: z.number(),
    fairShareMs: z.number(),
    /** Each person's time, smallest first, with the viewer's own marked. */
    shares: z.array(z.object({ spokenMs: z.number(), you: z.boolean() })),
    equality: equalityView,
    members: z.number().int(),
    late: z.number().int(),
    /** Advice nobody asked for, noted by the facilitator, per part (never by whom). */
    unaskedAdvice: z.array(z.object({ title: z.string(), count: z.number().int() })),
  }),
  /** The same picture across the group's sessions, newest first. */
  history: z.array(
    z.object({
      meetingId: z.string(),
      startsAt: z.string(),
      people: z.number().int(),
      equality: equalityView,
      /** The viewer's own time at that session (null when they were not there). */
      yourMs: z.number().nullable(),
      /** How often advice nobody asked for was noted there (never by whom). */
      unaskedAdvice: z.number().int(),
    }),
  ),
  reflection: reflectionView.nullable(),
  /** Whether the viewer may add a reflection (they were at the session). */
  canReflect: z.boolean(),
  /** Reflections their authors chose to share with the group. */
  sharedReflections: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      words: z.string(),
      rating: z.number().int().nullable(),
    }),
  ),
});
export type SpeakingRecordView = z.infer<typeof speakingRecordView>;
