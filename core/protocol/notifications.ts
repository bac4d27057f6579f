/** In-app notifications: what Hearth tells people about, and their list. */
import { z } from 'zod';
import { id, isoTime } from './common';

/** Everything Hearth tells people about in the app; the subject is named by the kind. */
export const NOTIFICATION_KINDS = [
  'proposal.new',
  'proposal.revised',
  /** Someone objected to a proposal: its proposer is told, to talk and revise. */
  'proposal.objection',
  'proposal.outcome',
  'meeting.changed',
  'meeting.cancelled',
  'swap.requested',
  'swap.accepted',
  'swap.declined',
  /** A steward asked what members think the purpose is (subject: the group). */
  'purpose.asked',
  /** The group is asked to consent to a purpose or a review outcome (subject: decision). */
  'decision.new',
  'decision.outcome',
  /** For stewards: someone applied (subject: the application). */
  'application.new',
  /** For the applicant (subject: the application). */
  'application.outcome',
  /** A seat is yours to claim (subject: the group). */
  'waitlist.offer',
  /** The group moved on in its life: active, review, continuing, adjourned (subject: group). */
  'group.stage',
  /** New replies in a thread the person follows (subject: the thread). Never the words. */
  'space.reply',
  /** For stewards: a post was reported, or its author asked for a second look (subject: post). */
  'space.report',
  /** For the author: the stewards hid their post, or showed it again (subject: the thread). */
  'space.moderated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationList = z
  .object({
    unread: z.number().int(),
    items: z.array(
      z.object({
        id,
        kind: z.enum(NOTIFICATION_KINDS),
        groupId: id.nullable(),
        groupName: z.string().nullable(),
        subjectId: id.nullable(),
        createdAt: isoTime,
        read: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Notifications' });
export type NotificationList = z.infer<typeof notificationList>;
