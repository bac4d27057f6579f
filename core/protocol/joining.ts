/**
 * Joining a group on purpose: the commitment shown before anyone joins, a closed group's
 * questions and applications, and the waitlist.
 */
import { z } from 'zod';
import { MAX_ANSWER_LENGTH, MAX_CHOICES, MAX_QUESTIONS, QUESTION_KINDS } from '../domain/joining';
import { WEEKDAY_CODES } from '../domain/meetings';
import { formatSchema, id, isoTime, stageSchema } from './common';

export const questionSchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/, 'Use lower-case letters, numbers and hyphens.'),
    kind: z.enum(QUESTION_KINDS),
    prompt: z
      .string()
      .trim()
      .min(1, 'Write the question.')
      .max(300, 'Keep the question to 300 characters.'),
    required: z.boolean(),
    choices: z
      .array(z.string().trim().min(1, 'A choice cannot be empty.').max(80))
      .max(MAX_CHOICES, `Offer at most ${MAX_CHOICES} choices.`),
    mix: z.boolean(),
  })
  .refine((q) => q.kind === 'text' || q.choices.length >= 2, {
    message: 'Give a choice question at least two choices.',
    path: ['choices'],
  })
  .meta({ id: 'JoiningQuestion' });
export type QuestionDto = z.infer<typeof questionSchema>;

export const questionnaireSchema = z
  .array(questionSchema)
  .max(MAX_QUESTIONS, `Ask at most ${MAX_QUESTIONS} questions.`)
  .refine(
    (qs) => new Set(qs.map((q) => q.id)).size === qs.length,
    'Each question needs its own id.',
  );

const confirm = z.literal(true, {
  error: 'Please confirm you can keep to the group’s commitment and agreement.',
});

export const confirmBody = z.strictObject({ confirm }).meta({ id: 'ConfirmCommitmentBody' });

export const applyBody = z
  .strictObject({
    confirm,
    answers: z.record(z.string().max(40), z.string().max(MAX_ANSWER_LENGTH * 2)),
  })
  .meta({ id: 'ApplyBody' });

export const APPLICATION_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'waitlisted',
  'withdrawn',
] as const;

/** Why Hearth closed an application by itself: an offered seat lapsed, the group adjourned. */
export const APPLICATION_CLOSE_REASONS = ['seat_lapsed', 'group_adjourned'] as const;

export const decideApplicationBody = z
  .strictObject({
    outcome: z.enum(['accept', 'decline', 'waitlist'], {
      error: 'Choose accept, decline or waitlist.',
    }),
    message: z
      .string()
      .trim()
      .max(1000, 'Keep the message to 1,000 characters.')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .meta({ id: 'DecideApplicationBody' });

export const applicationParams = z.strictObject({ applicationId: id });

export const waitlistStatus = z
  .object({
    position: z.number().int(),
    joinedAt: isoTime,
    /** A seat held for you until this time: claim it or let it go. */
    offerExpiresAt: isoTime.nullable(),
  })
  .meta({ id: 'WaitlistStatus' });

export const applicationView = z
  .object({
    id,
    groupId: id,
    groupName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    answers: z.record(z.string(), z.string()),
    /** The steward's own message with the outcome, if they wrote one. */
    message: z.string().nullable(),
    /** Set when Hearth closed the application by itself. */
    closedReason: z.enum(APPLICATION_CLOSE_REASONS).nullable(),
    createdAt: isoTime,
    decidedAt: isoTime.nullable(),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof applicationView>;

export const mixRow = z
  .object({
    questionId: z.string(),
    prompt: z.string(),
    counts: z.array(
      z.object({
        choice: z.string().nullable(),
        members: z.number().int(),
        withApplicant: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MixRow' });

export const applicationForReview = applicationView
  .extend({
    applicant: z.object({ userId: id, displayName: z.string() }),
    mix: z.array(mixRow),
  })
  .meta({ id: 'ApplicationForReview' });

export const applicationsForReview = z
  .object({
    questions: z.array(questionSchema),
    items: z.array(applicationForReview),
    /** The members' answers to the mix questions, as a table: one row per question. */
    mix: z.array(mixRow),
    seatsLeft: z.number().int(),
  })
  .meta({ id: 'ApplicationsForReview' });
export type ApplicationsForReview = z.infer<typeof applicationsForReview>;

/** Where the viewer is waiting to get in: applications in play and waitlists. */
export const myWaiting = z
  .object({
    applications: z.array(applicationView),
    waitlists: z.array(
      z.object({
        groupId: id,
        groupName: z.string(),
        position: z.number().int(),
        offerExpiresAt: isoTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'MyWaiting' });
export type MyWaiting = z.infer<typeof myWaiting>;

/** How often a group meets, as data the web app puts into words (core/domain/meetings). */
export const cadenceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('once') }),
    z.object({ kind: z.literal('regular') }),
    z.object({ kind: z.literal('daily'), interval: z.number().int() }),
    z.object({
      kind: z.literal('weekly'),
      interval: z.number().int(),
      weekday: z.enum(WEEKDAY_CODES).nullable(),
    }),
    z.object({
      kind: z.literal('monthly'),
      interval: z.number().int(),
      weekday: z.enum(WEEKDAY_CODES).nullable(),
      nth: z.number().int().nullable(),
    }),
  ])
  .meta({ id: 'Cadence' });

/** What someone sees and confirms before joining: the commitment, the agreement, the way in. */
export const joiningView = z
  .object({
    groupId: id,
    name: z.string(),
    purpose: z.string().nullable(),
    visibility: z.enum(['open', 'closed', 'invite_only']),
    stage: stageSchema,
    sizeCap: z.number().int(),
    seatsLeft: z.number().int(),
    commitment: z.object({
      plannedMeetings: z.number().int().nullable(),
      /** The rhythm of the group's schedule; null before one is planned. */
      cadence: cadenceSchema.nullable(),
      meetingMinutes: z.number().int(),
      timeZone: z.string(),
      format: formatSchema.nullable(),
      area: z.string().nullable(),
      upcoming: z.array(isoTime),
    }),
    agreement: z
      .object({
        version: z.number().int(),
        items: z.array(z.object({ title: z.string(), text: z.string() })),
      })
      .nullable(),
    joiningCriteria: z.string().nullable(),
    /** What applicants to a closed group are asked (kept while the group is open, too). */
    questions: z.array(questionSchema),
    waitlistLength: z.number().int(),
    me: z.object({
      state: z.enum(['signed_out', 'member', 'applied', 'waitlisted', 'offered', 'none']),
      application: applicationView.nullable(),
      waitlist: waitlistStatus.nullable(),
    }),
  })
  .meta({ id: 'JoiningView' });
export type JoiningView = z.infer<typeof joiningView>;
