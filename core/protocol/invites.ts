/** Invitations: links a steward makes (and may mail), and what the link shows. */
import { z } from 'zod';
import { STAFF_ROLES } from '../domain/membership';
import { emailSchema } from './accounts';
import { id, isoTime } from './common';
import { joiningView } from './joining';

export const inviteRole = z.enum(['member', ...STAFF_ROLES], { error: 'Choose a role.' });

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
    /** A member (the default), or someone in a staff role, who is not one of the peers. */
    role: inviteRole.default('member'),
    /**
     * With the observer role: the one meeting they are invited to observe. They see that
     * meeting and are in its session as a silent observer, and are never a member or staff.
     */
    meetingId: id.optional(),
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
    role: inviteRole,
    /** The one meeting an observer is invited to, if the invitation is for one. */
    meetingId: id.nullable(),
  })
  .meta({ id: 'Invite' });
export type InviteItem = z.infer<typeof inviteItem>;

export const createdInvite = inviteItem
  .extend({ token: z.string(), url: z.string() })
  .meta({ id: 'CreatedInvite' });
export type CreatedInvite = z.infer<typeof createdInvite>;
export const inviteList = z.object({ items: z.array(inviteItem) });

export const inviteParams = z.strictObject({ id, inviteId: id });

export const invitePreview = z
  .object({
    id,
    group: z.object({
      id,
      name: z.string(),
      purpose: z.string().nullable(),
      description: z.string().nullable(),
      memberCount: z.number().int(),
      sizeCap: z.number().int(),
      seatsLeft: z.number().int(),
    }),
    invitedBy: z.string(),
    expiresAt: isoTime,
    alreadyMember: z.boolean(),
    role: inviteRole,
    /** For an invitation to observe one meeting: that meeting, and when it starts. */
    meeting: z.object({ id, startsAt: isoTime, timeZone: z.string() }).nullable(),
    /**
     * For an invitation mailed to one address: that address with most of it hidden (so a
     * stranger holding the link learns little), and whether it is the signed-in person's.
     */
    sentTo: z.object({ hint: z.string(), isYou: z.boolean().nullable() }).nullable(),
    /** The commitment and agreement the person confirms before joining. */
    joining: joiningView,
  })
  .meta({ id: 'InvitePreview' });
export type InvitePreview = z.infer<typeof invitePreview>;
