/** A group's life: forming, active, review, continuing or adjourned, and its review. */
import { z } from 'zod';
import { REVIEW_OPTIONS, STAGE_REASONS } from '../domain/lifecycle';
import { deadlineDays, id, isoTime, stageSchema } from './common';
import { groupDecision } from './decisions';
import { plannedMeetingsSchema } from './groups';

export const reviewBody = z
  .strictObject({
    option: z.enum(REVIEW_OPTIONS, {
      error: 'Choose continue as is, continue with changes, or adjourn.',
    }),
    plannedMeetings: plannedMeetingsSchema.nullable().optional(),
    changes: z
      .string()
      .trim()
      .max(2000, 'Use at most 2,000 characters.')
      .optional()
      .transform((v) => (v ? v : null)),
    deadlineDays,
  })
  .refine((b) => b.option !== 'change' || b.changes, {
    message: 'Say what would change.',
    path: ['changes'],
  })
  .meta({ id: 'ReviewBody' });

export const lifecycleView = z
  .object({
    groupId: id,
    groupName: z.string(),
    stage: stageSchema,
    meetingsHeld: z.number().int(),
    plannedMeetings: z.number().int().nullable(),
    reviewAt: z.number().int().nullable(),
    changes: z.array(
      z.object({
        from: stageSchema,
        to: stageSchema,
        at: isoTime,
        by: z.string().nullable(),
        /** Why Hearth moved the group on, as a code the web app puts into words. */
        reason: z.enum(STAGE_REASONS).nullable(),
        /** How many meetings were held, for the "time to review" reason. */
        held: z.number().int().nullable(),
        /** The changes the group agreed, for "continue with changes". */
        note: z.string().nullable(),
      }),
    ),
    openReview: groupDecision.nullable(),
    pastReviews: z.array(groupDecision),
    can: z.object({ proposeReview: z.boolean(), export: z.boolean() }),
  })
  .meta({ id: 'LifecycleView' });
export type LifecycleView = z.infer<typeof lifecycleView>;
