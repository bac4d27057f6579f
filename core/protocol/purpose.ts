/** The group's purpose, drafted from what its members say it is for. */
import { z } from 'zod';
import { countWords, PURPOSE_MAX_WORDS } from '../domain/purpose';
import { deadlineDays, id, isoTime } from './common';
import { groupDecision } from './decisions';

export const purposeAnswerBody = z
  .strictObject({
    answer: z
      .string({ error: 'Say in your own words what the group is for.' })
      .trim()
      .min(1, 'Say in your own words what the group is for.')
      .max(500, 'Keep it to 500 characters.'),
  })
  .meta({ id: 'PurposeAnswerBody' });

export const purposeText = z
  .string({ error: 'Write the purpose.' })
  .trim()
  .min(1, 'Write the purpose.')
  .max(200, 'Use at most 200 characters.')
  .refine(
    (v) => countWords(v) <= PURPOSE_MAX_WORDS,
    `Keep the purpose to ${PURPOSE_MAX_WORDS} words or fewer.`,
  );

export const purposeDraftBody = z
  .strictObject({ purpose: purposeText, deadlineDays })
  .meta({ id: 'PurposeDraftBody' });

export const purposeView = z
  .object({
    groupId: id,
    groupName: z.string(),
    current: z.string().nullable(),
    history: z.array(
      z.object({ version: z.number().int(), purpose: z.string(), adoptedAt: isoTime }),
    ),
    askedAt: isoTime.nullable(),
    myAnswer: z.string().nullable(),
    /** Stewards see everyone's answers and what they share. */
    answers: z
      .array(
        z.object({
          displayName: z.string(),
          answer: z.string(),
          pieces: z.array(z.object({ text: z.string(), term: z.string().nullable() })),
        }),
      )
      .nullable(),
    shared: z.array(z.object({ term: z.string(), answers: z.number().int() })).nullable(),
    answerCount: z.number().int(),
    memberCount: z.number().int(),
    openDecision: groupDecision.nullable(),
    lastDecision: groupDecision.nullable(),
    can: z.object({ ask: z.boolean(), answer: z.boolean(), draft: z.boolean() }),
  })
  .meta({ id: 'PurposeView' });
export type PurposeView = z.infer<typeof purposeView>;
