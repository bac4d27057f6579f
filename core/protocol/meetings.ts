/**
 * Meetings: schedules, venues, roles and the rota, swaps, RSVPs, attendance and the
 * commitment view.
 * Times on the wire are UTC ISO-8601; a schedule's start is local wall-clock time in
 * the time zone sent beside it.
 */
import { z } from 'zod';
import {
  ATTENDANCE_STATUSES,
  LATENESS_POLICIES,
  MAX_MEETING_MINUTES,
  MAX_OCCURRENCES,
  MIN_MEETING_MINUTES,
  RSVP_RESPONSES,
  VENUE_KINDS,
} from '../domain/meetings';
import { isTimeZone } from '../domain/timeZone';
import { id, isoTime } from './common';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const timeZoneSchema = z
  .string({ error: 'Choose a time zone.' })
  .max(64)
  .refine(isTimeZone, 'Choose a time zone from the list.');

const minutesSchema = z
  .number({ error: 'Enter how long meetings last, in minutes.' })
  .int('Enter a whole number of minutes.')
  .min(MIN_MEETING_MINUTES, `Meetings last at least ${MIN_MEETING_MINUTES} minutes.`)
  .max(MAX_MEETING_MINUTES, `Meetings last at most ${MAX_MEETING_MINUTES / 60} hours.`);

export const venueInput = z
  .strictObject({
    kind: z.enum(VENUE_KINDS, { error: 'Say whether you meet in person, online or both.' }),
    name: optionalText(120),
    address: optionalText(300),
    accessNotes: optionalText(500),
    onlineUrl: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .nullish()
      .transform((v) => (v ? v : null))
      .refine(
        (v) => v === null || /^https:\/\/[^\s]+$/i.test(v),
        'Paste the full video-call link, starting with https://',
      ),
  })
  .superRefine((venue, ctx) => {
    if (venue.kind !== 'online' && !venue.name && !venue.address) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Say where you meet: a name or an address.',
      });
    }
  });

export const scheduleBody = z
  .strictObject({
    start: z
      .string({ error: 'Enter the first meeting’s date and time.' })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the first meeting’s date and time.'),
    timeZone: timeZoneSchema,
    rrule: z.string().trim().max(200, 'That rule is too long.').nullable(),
    count: z
      .number()
      .int('Enter a whole number of meetings.')
      .min(1, 'Plan at least one meeting.')
      .max(MAX_OCCURRENCES, `Plan at most ${MAX_OCCURRENCES} meetings.`)
      .nullable(),
    until: z.string().max(10).nullable(),
    durationMinutes: minutesSchema.optional(),
    venue: venueInput,
  })
  .meta({ id: 'ScheduleBody' });

export const meetingSettingsBody = z
  .strictObject({
    timeZone: timeZoneSchema.optional(),
    meetingMinutes: minutesSchema.optional(),
    latenessPolicy: z.enum(LATENESS_POLICIES).optional(),
  })
  .meta({ id: 'MeetingSettingsBody' });

export const changeMeetingBody = z
  .strictObject({
    /** New local start in the meeting's time zone. */
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the new date and time.')
      .optional(),
    durationMinutes: minutesSchema.optional(),
    venue: venueInput.optional(),
    note: optionalText(500),
  })
  .meta({ id: 'ChangeMeetingBody' });

export const cancelMeetingBody = z
  .strictObject({
    note: z
      .string({ error: 'Tell members why, in a few words.' })
      .trim()
      .min(1, 'Tell members why, in a few words.')
      .max(500, 'Use at most 500 characters.'),
  })
  .meta({ id: 'CancelMeetingBody' });

export const rsvpBody = z
  .strictObject({
    response: z.enum(RSVP_RESPONSES, { error: 'Choose going, maybe or not going.' }),
    note: optionalText(300),
  })
  .meta({ id: 'RsvpBody' });

export const attendanceBody = z
  .strictObject({
    records: z
      .array(
        z.strictObject({
          userId: id,
          status: z.enum(ATTENDANCE_STATUSES),
          /** Local arrival time `HH:mm` on the meeting's day, in the meeting's zone. */
          arrivedAt: z
            .string()
            .regex(/^\d{2}:\d{2}$/, 'Enter the time as hours and minutes.')
            .nullable(),
        }),
      )
      .max(200),
  })
  .meta({ id: 'AttendanceBody' });

export const swapBody = z
  .strictObject({
    roleId: id,
    toUserId: z.string({ error: 'Choose who to ask.' }).min(1, 'Choose who to ask.').max(64),
    note: optionalText(300),
  })
  .meta({ id: 'SwapBody' });

export const roleBody = z
  .strictObject({
    name: z
      .string({ error: 'Name the role.' })
      .trim()
      .min(1, 'Name the role.')
      .max(60, 'Use at most 60 characters.'),
    description: optionalText(300),
  })
  .meta({ id: 'RoleBody' });

export const rotaRoleBody = z
  .strictObject({ inRota: z.boolean() })
  .meta({ id: 'ChangeRotaRoleBody' });

export const notReadyBody = z
  .strictObject({ roleIds: z.array(id).max(50) })
  .meta({ id: 'NotReadyBody' });

export const meetingParams = z.strictObject({ meetingId: id });
export const swapParams = z.strictObject({ swapId: id });
export const groupRoleParams = z.strictObject({ id, roleId: id });

// ---- Responses --------------------------------------------------------------------------

const person = z.object({ userId: id, displayName: z.string() });

export const venueView = z
  .object({
    kind: z.enum(VENUE_KINDS),
    name: z.string().nullable(),
    address: z.string().nullable(),
    accessNotes: z.string().nullable(),
    /** Only for members, and only from an hour before until the end. */
    onlineUrl: z.string().nullable(),
    /** True when there is a link that is not shown yet. */
    linkLater: z.boolean(),
  })
  .meta({ id: 'Venue' });

export const roleView = z
  .object({
    id,
    key: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    inRota: z.boolean(),
  })
  .meta({ id: 'RotaRole' });
export type RoleView = z.infer<typeof roleView>;

export const assignmentView = z
  .object({ roleId: id, roleName: z.string(), holder: person.nullable() })
  .meta({ id: 'RoleAssignment' });

export const meetingSummary = z
  .object({
    id,
    groupId: id,
    groupName: z.string(),
    startsAt: isoTime,
    endsAt: isoTime,
    durationMinutes: z.number().int(),
    timeZone: z.string(),
    status: z.enum(['scheduled', 'cancelled']),
    moved: z.boolean(),
    changeNote: z.string().nullable(),
    /** Set when Hearth cancelled the meeting by itself: the group adjourned. */
    cancelReason: z.enum(['group_adjourned']).nullable(),
    venueKind: z.enum(VENUE_KINDS),
    venueName: z.string().nullable(),
    myRsvp: z.enum(RSVP_RESPONSES).nullable(),
    myRoles: z.array(z.string()),
    roles: z.array(assignmentView),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const swapView = z
  .object({
    id,
    roleId: id,
    roleName: z.string(),
    from: person,
    to: person,
    note: z.string().nullable(),
    status: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
    createdAt: isoTime,
  })
  .meta({ id: 'Swap' });
export type SwapView = z.infer<typeof swapView>;

export const meetingDetail = meetingSummary
  .extend({
    originalStartsAt: isoTime.nullable(),
    venue: venueView,
    myRsvpNote: z.string().nullable(),
    rsvps: z.array(
      person.extend({ response: z.enum(RSVP_RESPONSES).nullable(), note: z.string().nullable() }),
    ),
    attendance: z.array(
      person.extend({
        status: z.enum(ATTENDANCE_STATUSES).nullable(),
        arrivedAt: isoTime.nullable(),
      }),
    ),
    swaps: z.array(swapView),
    /** Open agreement proposals with an objection: for the group to talk about. */
    agenda: z.array(
      z.object({
        proposalId: id,
        kind: z.enum(['adopt', 'add', 'amend', 'remove']),
        /** The item the proposal is about; null for a whole draft. */
        itemTitle: z.string().nullable(),
      }),
    ),
    isPast: z.boolean(),
    can: z.object({
      change: z.boolean(),
      cancel: z.boolean(),
      recordAttendance: z.boolean(),
      rsvp: z.boolean(),
    }),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const scheduleOverview = z
  .object({
    groupId: id,
    groupName: z.string(),
    timeZone: z.string(),
    meetingMinutes: z.number().int(),
    latenessPolicy: z.enum(LATENESS_POLICIES),
    canManage: z.boolean(),
    upcoming: z.array(meetingSummary),
    past: z.array(meetingSummary),
    roles: z.array(roleView),
    myNotReady: z.array(id),
    members: z.array(person),
  })
  .meta({ id: 'ScheduleOverview' });
export type ScheduleOverview = z.infer<typeof scheduleOverview>;

export const mySchedule = z
  .object({ meetings: z.array(meetingSummary), swaps: z.array(swapView.extend({ meetingId: id })) })
  .meta({ id: 'MySchedule' });
export type MySchedule = z.infer<typeof mySchedule>;

export const commitmentView = z
  .object({
    groupName: z.string(),
    latenessPolicy: z.enum(LATENESS_POLICIES),
    meetingsHeld: z.number().int(),
    people: z.array(
      person.extend({
        held: z.number().int(),
        attended: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        absent: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Commitment' });
export type CommitmentView = z.infer<typeof commitmentView>;
