/**
 * The JSON API's shapes, as zod schemas. The server validates requests and documents
 * responses with them (OpenAPI is generated from these); the web app imports the types.
 * Request objects are strict: an unknown field is refused with a 400 naming it.
 * Times are UTC ISO-8601 strings.
 */
import { z } from 'zod';
import { ABSOLUTE_SIZE_CAP_MAX, MIN_GROUP_SIZE } from '../domain/groupSize';
import { ROLES, VISIBILITIES } from '../domain/membership';
import { passwordLengthProblem } from '../domain/password';
import { countWords, PURPOSE_MAX_WORDS } from '../domain/purpose';
import { isTimeZone } from '../domain/timeZone';
import { ERROR_CODES } from '../errors';
import {
  agendaPhaseSchema,
  formatSchema,
  groupProfileFields,
  joiningView,
  stageSchema,
} from './forming';

export const API_VERSION = '1';

const id = z.string().min(1).max(64);
const isoTime = z.string();

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter an email address like name@example.org.' }));

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .max(4096, 'That password is too long.')
  .superRefine((value, ctx) => {
    const problem = passwordLengthProblem(value);
    if (problem === 'too_short')
      ctx.addIssue({ code: 'custom', message: 'Use at least 8 characters.' });
    if (problem === 'too_long')
      ctx.addIssue({ code: 'custom', message: 'Use at most 256 characters.' });
  });

export const displayNameSchema = z
  .string({ error: 'Enter a name to show other members.' })
  .trim()
  .min(1, 'Enter a name to show other members.')
  .max(50, 'Use at most 50 characters.');

// ---- Accounts ---------------------------------------------------------------------------

export const signUpBody = z
  .strictObject({ email: emailSchema, password: passwordSchema, displayName: displayNameSchema })
  .meta({ id: 'SignUpBody' });

export const signInBody = z
  .strictObject({
    email: emailSchema,
    password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(4096),
  })
  .meta({ id: 'SignInBody' });

export const meResponse = z
  .object({
    id,
    email: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meResponse>;

export const sessionItem = z
  .object({
    id,
    device: z.string(),
    createdAt: isoTime,
    lastSeenAt: isoTime,
    expiresAt: isoTime,
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type SessionItem = z.infer<typeof sessionItem>;
export const sessionList = z.object({ items: z.array(sessionItem) });

// ---- Groups -----------------------------------------------------------------------------

export const visibilitySchema = z.enum(VISIBILITIES, {
  error: 'Choose who can find and join the group.',
});
export type { Visibility } from '../domain/membership';

export const roleSchema = z.enum(ROLES);
export type { Role } from '../domain/membership';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

export const createGroupBody = z
  .strictObject({
    name: z
      .string({ error: 'Give the group a name.' })
      .trim()
      .min(1, 'Give the group a name.')
      .max(80, 'Use at most 80 characters.'),
    purpose: optionalText(200, 'Use at most 200 characters.').refine(
      (v) => v === null || countWords(v) <= PURPOSE_MAX_WORDS,
      `Keep the purpose to ${PURPOSE_MAX_WORDS} words or fewer.`,
    ),
    description: optionalText(4000, 'Use at most 4,000 characters.'),
    visibility: visibilitySchema,
    sizeCap: z
      .number({ error: 'Enter a number of people.' })
      .int('Enter a whole number.')
      .min(MIN_GROUP_SIZE, `A group needs at least ${MIN_GROUP_SIZE} people.`)
      .max(ABSOLUTE_SIZE_CAP_MAX, `Use at most ${ABSOLUTE_SIZE_CAP_MAX}.`)
      .optional(),
    /** The zone the group meets in; the web app sends the creator's own. */
    timeZone: z.string().max(64).refine(isTimeZone, 'Choose a time zone from the list.').optional(),
    ...groupProfileFields,
  })
  .meta({ id: 'CreateGroupBody' });
export type CreateGroupInput = z.input<typeof createGroupBody>;

export const groupSummary = z
  .object({
    id,
    name: z.string(),
    purpose: z.string().nullable(),
    visibility: visibilitySchema,
    sizeCap: z.number().int(),
    memberCount: z.number().int(),
    seatsLeft: z.number().int(),
    createdAt: isoTime,
    myRole: roleSchema.nullable(),
    stage: stageSchema,
    format: formatSchema.nullable(),
    area: z.string().nullable(),
    language: z.string(),
    tags: z.array(z.string()),
    plannedMeetings: z.number().int().nullable(),
    /** The next meeting, for "when" in the viewer's own zone; null before any is planned. */
    nextMeetingAt: isoTime.nullable(),
    /** How many wait for a seat (open groups). */
    waitlistLength: z.number().int(),
  })
  .meta({ id: 'GroupSummary' });
export type GroupSummary = z.infer<typeof groupSummary>;

export const memberItem = z
  .object({ userId: id, displayName: z.string(), role: roleSchema, joinedAt: isoTime })
  .meta({ id: 'Member' });
export type MemberItem = z.infer<typeof memberItem>;

export const groupDetail = groupSummary
  .extend({
    description: z.string().nullable(),
    /** For closed groups: who the group is for, shown before anyone applies. */
    joiningCriteria: z.string().nullable(),
    /** The group's own live-session agenda, if it has one. */
    sessionAgenda: z.array(agendaPhaseSchema).nullable(),
    /** Only members see who else is in the group. */
    members: z.array(memberItem).nullable(),
    can: z.object({
      join: z.boolean(),
      joinWaitlist: z.boolean(),
      apply: z.boolean(),
      invite: z.boolean(),
      leave: z.boolean(),
      manageMembers: z.boolean(),
      edit: z.boolean(),
    }),
  })
  .meta({ id: 'GroupDetail' });
export type GroupDetail = z.infer<typeof groupDetail>;

export const groupPage = z
  .object({ items: z.array(groupSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'GroupPage' });
export type GroupPage = z.infer<typeof groupPage>;

export const directoryQuery = z.strictObject({
  q: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
  format: formatSchema.optional(),
  /** "open": join straight away; "application": closed groups that take applications. */
  joining: z.enum(['open', 'application']).optional(),
  language: z.string().trim().max(20).optional(),
  tag: z.string().trim().toLowerCase().max(30).optional(),
  /** Only groups with a seat free now. */
  seats: z.enum(['available']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const groupParams = z.strictObject({ id });
export const memberParams = z.strictObject({ id, userId: id });
export const inviteParams = z.strictObject({ id, inviteId: id });
export const tokenParams = z.strictObject({ token: z.string().min(1).max(200) });

export const changeRoleBody = z.strictObject({ role: roleSchema }).meta({ id: 'ChangeRoleBody' });

// ---- Invitations ------------------------------------------------------------------------

export const createInviteBody = z
  .strictObject({
    expiresInDays: z
      .number()
      .int()
      .min(1, 'Choose at least 1 day.')
      .max(30, 'Choose at most 30 days.')
      .optional(),
    maxUses: z.number().int().min(1).max(100).nullish(),
    /** Sends the invitation to this address too; such an invitation is for one person. */
    email: emailSchema.optional(),
  })
  .meta({ id: 'CreateInviteBody' });

export const inviteItem = z
  .object({
    id,
    groupId: id,
    createdAt: isoTime,
    expiresAt: isoTime,
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    createdBy: z.string(),
    sentTo: z.string().nullable(),
  })
  .meta({ id: 'Invite' });
export type InviteItem = z.infer<typeof inviteItem>;

export const createdInvite = inviteItem
  .extend({ token: z.string(), url: z.string() })
  .meta({ id: 'CreatedInvite' });
export type CreatedInvite = z.infer<typeof createdInvite>;
export const inviteList = z.object({ items: z.array(inviteItem) });

export const invitePreview = z
  .object({
    id,
    group: z.object({
      id,
      name: z.string(),
      purpose: z.string().nullable(),
      memberCount: z.number().int(),
      sizeCap: z.number().int(),
      seatsLeft: z.number().int(),
    }),
    invitedBy: z.string(),
    expiresAt: isoTime,
    alreadyMember: z.boolean(),
    /** The commitment and agreement the person confirms before joining. */
    joining: joiningView,
  })
  .meta({ id: 'InvitePreview' });
export type InvitePreview = z.infer<typeof invitePreview>;

// ---- Deployment settings ----------------------------------------------------------------

export const publicSettings = z
  .object({
    deploymentName: z.string(),
    crisisResources: z.string(),
    sizeCapMax: z.number().int(),
    recommendedSize: z.number().int(),
  })
  .meta({ id: 'Settings' });
export type PublicSettings = z.infer<typeof publicSettings>;

export const updateSettingsBody = z
  .strictObject({
    deploymentName: z
      .string()
      .trim()
      .min(1, 'Give the deployment a name.')
      .max(80, 'Use at most 80 characters.')
      .optional(),
    crisisResources: z
      .string()
      .trim()
      .min(1, 'Crisis resources cannot be empty.')
      .max(4000, 'Use at most 4,000 characters.')
      .optional(),
    sizeCapMax: z
      .number()
      .int('Enter a whole number.')
      .min(MIN_GROUP_SIZE, `Use at least ${MIN_GROUP_SIZE}.`)
      .max(ABSOLUTE_SIZE_CAP_MAX, `Use at most ${ABSOLUTE_SIZE_CAP_MAX}.`)
      .optional(),
  })
  .meta({ id: 'UpdateSettingsBody' });

// ---- Errors and health ------------------------------------------------------------------

export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const healthResponse = z.object({ status: z.literal('ok'), database: z.string() });
