/** Mail: which emails a person gets, and the outbox administrators can read. */
import { z } from 'zod';
import { id, isoTime } from './common';

export const REMINDER_CHOICES = [10080, 1440, 180, 60, 15] as const;
export const SPACE_DIGESTS = ['off', 'daily', 'weekly'] as const;

export const emailPreferences = z
  .strictObject({
    /** Minutes before each meeting to send a reminder. */
    reminders: z.array(z.union(REMINDER_CHOICES.map((n) => z.literal(n)))).max(5),
    roles: z.boolean(),
    changes: z.boolean(),
    proposals: z.boolean(),
    /** A digest of the group's space while away: daily, weekly or never. */
    spaceDigest: z.enum(SPACE_DIGESTS),
  })
  .meta({ id: 'EmailPreferences' });
export type EmailPreferences = z.infer<typeof emailPreferences>;

/** Saving choices: a client that does not know a newer choice leaves it as it was. */
export const emailPreferencesBody = emailPreferences
  .partial({ spaceDigest: true })
  .meta({ id: 'EmailPreferencesBody' });
export type EmailPreferencesBody = z.infer<typeof emailPreferencesBody>;

export const emailPreferencesView = z
  .object({ email: z.string(), preferences: emailPreferences })
  .meta({ id: 'EmailPreferencesView' });
export type EmailPreferencesView = z.infer<typeof emailPreferencesView>;

export const preferencesParams = z.strictObject({ token: z.string().min(1).max(200) });
export const mailParams = z.strictObject({ mailId: id });

export const outboxItem = z
  .object({
    id,
    to: z.string(),
    kind: z.string(),
    /** About a group: its subject and text are shown only when opened (and recorded). */
    aboutGroup: z.boolean(),
    subject: z.string().nullable(),
    text: z.string().nullable(),
    status: z.enum(['pending', 'sending', 'sent', 'held', 'failed', 'waiting']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: isoTime,
    sentAt: isoTime.nullable(),
  })
  .meta({ id: 'OutboxItem' });
export type OutboxItem = z.infer<typeof outboxItem>;
export const outboxList = z
  .object({ transport: z.enum(['smtp', 'none']), items: z.array(outboxItem) })
  .meta({ id: 'Outbox' });
export type OutboxList = z.infer<typeof outboxList>;
export const openedMail = z
  .object({ subject: z.string(), text: z.string() })
  .meta({ id: 'OpenedMail' });
