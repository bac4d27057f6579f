/**
 * Forming a group: its profile (what the directory shows), joining (commitment, questionnaire,
 * applications, waitlist), its purpose drafted from members' answers, and its lifecycle.
 */
import { z } from 'zod';
import { CONSENT_RESPONSES } from '../domain/consent';
import { MAX_ANSWER_LENGTH, MAX_CHOICES, MAX_QUESTIONS, QUESTION_KINDS } from '../domain/joining';
import { MAX_PLANNED_MEETINGS, REVIEW_OPTIONS, STAGES } from '../domain/lifecycle';
import { PHASE_KINDS } from '../domain/live';
import { MAX_AGENDA_PHASES } from '../domain/liveTemplates';
import { VENUE_KINDS } from '../domain/meetings';
import { countWords, PURPOSE_MAX_WORDS } from '../domain/purpose';
import { decisionView, responseView } from './agreement';

const id = z.string().min(1).max(64);

export const stageSchema = z.enum(STAGES);
export const formatSchema = z.enum(VENUE_KINDS, { error: 'Choose in person, online or both.' });

/** Lower-case words or short phrases people can filter by ("carers", "long covid"). */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty.')
  .max(30, 'Keep each tag to 30 characters.')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '-]*$/u, 'Use letters, numbers, spaces and hyphens.');
export const MAX_TAGS = 8;

/** A language tag such as "en" or "pt-BR". */
export const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, 'Choose a language from the list.');

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

const questionnaireSchema = z
  .array(questionSchema)
  .max(MAX_QUESTIONS, `Ask at most ${MAX_QUESTIONS} questions.`)
  .refine(
    (qs) => new Set(qs.map((q) => q.id)).size === qs.length,
    'Each question needs its own id.',
  );

const plannedMeetings = z
  .number({ error: 'Enter a number of meetings.' })
  .int('Enter a whole number.')
  .min(1, 'Plan at least one meeting.')
  .max(MAX_PLANNED_MEETINGS, `Plan at most ${MAX_PLANNED_MEETINGS} meetings at a time.`);

const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`)
    .nullable()
    .transform((v) => (v ? v : null));

export const agendaPhaseSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'Give each part a name.').max(80),
    kind: z.enum(PHASE_KINDS),
    minutes: z
      .number({ error: 'Enter a number of minutes.' })
      .int('Enter whole minutes.')
      .min(1, 'Give each part at least a minute.')
      .max(480),
    guide: z.string().trim().max(280),
  })
  .meta({ id: 'AgendaPhase' });

/** What a steward can change about how the group presents itself and takes people in. */
export const groupProfileFields = {
  format: formatSchema.nullable().optional(),
  area: shortText(80).optional(),
  language: languageSchema.optional(),
  tags: z.array(tagSchema).max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`).optional(),
  plannedMeetings: plannedMeetings.nullable().optional(),
  joiningCriteria: shortText(2000).optional(),
  questionnaire: questionnaireSchema.optional(),
  /** The group's own session agenda; null goes back to the shipped templates. */
  sessionAgenda: z
    .array(agendaPhaseSchema)
    .min(1, 'An agenda needs at least one part.')
    .max(MAX_AGENDA_PHASES, `Use at most ${MAX_AGENDA_PHASES} parts.`)
    .nullable()
    .optional(),
};

export const updateGroupBody = z
  .strictObject({
    name: z.string().trim().min(1, 'Give the group a name.').max(80).optional(),
    description: shortText(4000).optional(),
    visibility: z.enum(['open', 'closed', 'invite_only']).optional(),
    sizeCap: z.number().int('Enter a whole number.').min(2).max(100).optional(),
    ...groupProfileFields,
  })
  .meta({ id: 'UpdateGroupBody' });

// ---- Joining -----------------------------------------------------------------------------

export const confirmBody = z
  .strictObject({
    confirm: z.literal(true, {
      error: 'Please confirm you can keep to the group’s commitment and agreement.',
    }),
  })
  .meta({ id: 'ConfirmCommitmentBody' });

export const applyBody = z
  .strictObject({
    confirm: z.literal(true, {
      error: 'Please confirm you can keep to the group’s commitment and agreement.',
    }),
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
    joinedAt: z.string(),
    /** A seat held for you until this time: claim it or let it go. */
    offerExpiresAt: z.string().nullable(),
  })
  .meta({ id: 'WaitlistStatus' });

export const applicationView = z
  .object({
    id: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    answers: z.record(z.string(), z.string()),
    message: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
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
    applicant: z.object({ userId: z.string(), displayName: z.string() }),
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
        groupId: z.string(),
        groupName: z.string(),
        position: z.number().int(),
        offerExpiresAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MyWaiting' });
export type MyWaiting = z.infer<typeof myWaiting>;

/** What someone sees and confirms before joining: the commitment, the agreement, the way in. */
export const joiningView = z
  .object({
    groupId: z.string(),
    name: z.string(),
    purpose: z.string().nullable(),
    visibility: z.enum(['open', 'closed', 'invite_only']),
    stage: stageSchema,
    sizeCap: z.number().int(),
    seatsLeft: z.number().int(),
    commitment: z.object({
      plannedMeetings: z.number().int().nullable(),
      /** "Every 2 weeks on Tuesday", from the group's schedule; null before one is planned. */
      cadence: z.string().nullable(),
      meetingMinutes: z.number().int(),
      timeZone: z.string(),
      format: formatSchema.nullable(),
      area: z.string().nullable(),
      upcoming: z.array(z.string()),
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

// ---- Purpose -------------------------------------------------------------------------------

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

const deadlineDays = z
  .number()
  .int()
  .min(1, 'Allow at least 1 day.')
  .max(30, 'Allow at most 30 days.')
  .optional();

export const purposeDraftBody = z
  .strictObject({ purpose: purposeText, deadlineDays })
  .meta({ id: 'PurposeDraftBody' });

export const decisionRespondBody = z
  .strictObject({
    response: z.enum(CONSENT_RESPONSES, { error: 'Choose agree, stand aside or object.' }),
    note: z
      .string()
      .trim()
      .max(2000, 'Use at most 2,000 characters.')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .meta({ id: 'DecisionRespondBody' });

export const decisionParams = z.strictObject({ decisionId: id });

export const reviewProposal = z
  .object({
    option: z.enum(REVIEW_OPTIONS),
    plannedMeetings: z.number().int().nullable(),
    changes: z.string().nullable(),
  })
  .meta({ id: 'ReviewProposal' });

export const reviewBody = z
  .strictObject({
    option: z.enum(REVIEW_OPTIONS, {
      error: 'Choose continue as is, continue with changes, or adjourn.',
    }),
    plannedMeetings: plannedMeetings.nullable().optional(),
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

export const groupDecision = z
  .object({
    id: z.string(),
    groupId: z.string(),
    kind: z.enum(['purpose', 'review']),
    status: z.enum(['open', 'adopted', 'lapsed', 'withdrawn']),
    proposerName: z.string(),
    purpose: z.string().nullable(),
    review: reviewProposal.nullable(),
    createdAt: z.string(),
    deadlineAt: z.string(),
    closedAt: z.string().nullable(),
    decision: decisionView,
    responses: z.array(responseView),
    myResponse: z.enum(CONSENT_RESPONSES).nullable(),
    can: z.object({ respond: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: 'GroupDecision' });
export type GroupDecision = z.infer<typeof groupDecision>;

export const purposeView = z
  .object({
    groupId: z.string(),
    groupName: z.string(),
    current: z.string().nullable(),
    history: z.array(
      z.object({ version: z.number().int(), purpose: z.string(), adoptedAt: z.string() }),
    ),
    askedAt: z.string().nullable(),
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

// ---- Lifecycle -----------------------------------------------------------------------------

export const lifecycleView = z
  .object({
    groupId: z.string(),
    groupName: z.string(),
    stage: stageSchema,
    meetingsHeld: z.number().int(),
    plannedMeetings: z.number().int().nullable(),
    reviewAt: z.number().int().nullable(),
    reflectionPrompt: z.string(),
    changes: z.array(
      z.object({
        from: stageSchema,
        to: stageSchema,
        at: z.string(),
        by: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    openReview: groupDecision.nullable(),
    pastReviews: z.array(groupDecision),
    can: z.object({ proposeReview: z.boolean(), export: z.boolean() }),
  })
  .meta({ id: 'LifecycleView' });
export type LifecycleView = z.infer<typeof lifecycleView>;
