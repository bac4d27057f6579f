/**
 * Groups: starting one, the directory, a group's page and members, and what a steward can
 * change about how the group presents itself and takes people in.
 */
import { z } from 'zod';
import { ABSOLUTE_SIZE_CAP_MAX, MIN_GROUP_SIZE } from '../domain/groupSize';
import { MAX_PLANNED_MEETINGS } from '../domain/lifecycle';
import { PHASE_KINDS } from '../domain/liveCommands';
import { MAX_AGENDA_PHASES } from '../domain/liveTemplates';
import { ROLES, STAFF_ROLES, VISIBILITIES } from '../domain/membership';
import { countWords, PURPOSE_MAX_WORDS } from '../domain/purpose';
import { RETENTION_DAYS } from '../domain/recordingLimits';
import { isTimeZone } from '../domain/timeZone';
import { formatSchema, id, isoTime, stageSchema } from './common';
import { questionnaireSchema } from './joining';

export const visibilitySchema = z.enum(VISIBILITIES, {
  error: 'Choose who can find and join the group.',
});
export type { Visibility } from '../domain/membership';

export const roleSchema = z.enum(ROLES);
export type { Role } from '../domain/membership';

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

export const plannedMeetingsSchema = z
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

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
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

export const sessionAgendaSchema = z
  .array(agendaPhaseSchema)
  .min(1, 'An agenda needs at least one part.')
  .max(MAX_AGENDA_PHASES, `Use at most ${MAX_AGENDA_PHASES} parts.`);

/** How long a group keeps recordings: one of the choices it has. */
const retentionDays = z
  .number()
  .int()
  .refine((days) => (RETENTION_DAYS as readonly number[]).includes(days), {
    message: `Choose ${RETENTION_DAYS.join(', ')} days.`,
  });

/** What a steward can change about how the group presents itself and takes people in. */
export const groupProfileFields = {
  format: formatSchema.nullable().optional(),
  area: shortText(80).optional(),
  language: languageSchema.optional(),
  tags: z.array(tagSchema).max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`).optional(),
  plannedMeetings: plannedMeetingsSchema.nullable().optional(),
  joiningCriteria: shortText(2000).optional(),
  questionnaire: questionnaireSchema.optional(),
  /** The group's own session agenda; null goes back to the shipped templates. */
  sessionAgenda: sessionAgendaSchema.nullable().optional(),
  /** Any member may propose small groups in a session (otherwise only the facilitator). */
  membersProposeSmallGroups: z.boolean().optional(),
  /** How many days the group keeps recordings of its calls. */
  recordingRetentionDays: retentionDays.optional(),
};

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

export const updateGroupBody = z
  .strictObject({
    name: z.string().trim().min(1, 'Give the group a name.').max(80).optional(),
    description: shortText(4000).optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    sizeCap: z.number().int('Enter a whole number.').min(2).max(100).optional(),
    ...groupProfileFields,
  })
  .meta({ id: 'UpdateGroupBody' });

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
    /** Any member may propose small groups in a session, not only the facilitator. */
    membersProposeSmallGroups: z.boolean(),
    /** How many days the group keeps recordings of its calls, before they are erased. */
    recordingRetentionDays: z.number().int(),
    /** Only members see who else is in the group. */
    members: z.array(memberItem).nullable(),
    /** The viewer's staff role here, if they have one (they are then not a member). */
    staffRole: z.enum(STAFF_ROLES).nullable(),
    /** People in a staff role, for everyone in the group (members and staff). */
    staff: z
      .array(z.object({ userId: id, displayName: z.string(), role: z.enum(STAFF_ROLES) }))
      .nullable(),
    can: z.object({
      join: z.boolean(),
      joinWaitlist: z.boolean(),
      apply: z.boolean(),
      invite: z.boolean(),
      leave: z.boolean(),
      /** Only for a steward who is the group's only member. */
      close: z.boolean(),
      manageMembers: z.boolean(),
      edit: z.boolean(),
      /** Open the group's space between meetings. */
      space: z.boolean(),
      /** End someone's staff role (stewards). */
      manageStaff: z.boolean(),
      /** Step away from one's own staff role. */
      stepAway: z.boolean(),
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

export const memberParams = z.strictObject({ id, userId: id });

export const changeMemberRoleBody = z
  .strictObject({ role: roleSchema })
  .meta({ id: 'ChangeRoleBody' });
