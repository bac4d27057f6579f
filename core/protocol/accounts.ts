/** Accounts: signing up and in, who is signed in, and where. */
import { z } from 'zod';
import { passwordLengthProblem } from '../domain/password';
import { id, isoTime, oneLine } from './common';

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
      ctx.addIssue({
        code: 'too_small',
        origin: 'string',
        minimum: 8,
        input: value,
        message: 'Use at least 8 characters.',
      });
    if (problem === 'too_long')
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: 256,
        input: value,
        message: 'Use at most 256 characters.',
      });
  });

export const displayNameSchema = z
  .string({ error: 'Enter a name to show other members.' })
  .trim()
  .min(1, 'Enter a name to show other members.')
  .max(50, 'Use at most 50 characters.')
  .refine(oneLine, 'Write the name on one line, without special characters.');

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
    /** The person has shown the address is theirs; until then it gets only account mail. */
    emailConfirmed: z.boolean(),
    /** This sign-in opened the account again after the person had closed it. */
    reopened: z.boolean().optional(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meResponse>;

/** Sign-up when Hearth sends mail: the same answer whether or not the address has an account. */
export const checkInbox = z
  .object({ checkInbox: z.literal(true), email: z.string() })
  .meta({ id: 'CheckInbox' });
export type CheckInbox = z.infer<typeof checkInbox>;

/** The secret part of a mailed link. */
export const linkToken = z
  .string({ error: 'This link is not complete. Open it from the mail again.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not complete. Open it from the mail again.');

export const forgotBody = z.strictObject({ email: emailSchema }).meta({ id: 'ForgotBody' });
export const resetBody = z
  .strictObject({ token: linkToken, password: passwordSchema })
  .meta({ id: 'ResetBody' });
export const linkBody = z.strictObject({ token: linkToken }).meta({ id: 'LinkBody' });

export const closeAccountBody = z
  .strictObject({
    /** Left out by someone with no password, who confirmed it is them with a passkey. */
    password: z.string().max(4096).optional(),
  })
  .meta({ id: 'CloseAccountBody' });

export const profileBody = z
  .strictObject({ displayName: displayNameSchema })
  .meta({ id: 'ProfileBody' });
export const changePasswordBody = z
  .strictObject({
    /** Left out by someone with no password, who confirmed it is them with a passkey. */
    currentPassword: z.string().max(4096).optional(),
    newPassword: passwordSchema,
  })
  .meta({ id: 'ChangePasswordBody' });
export const changeEmailBody = z
  .strictObject({
    email: emailSchema,
    password: z.string().max(4096).optional(),
  })
  .meta({ id: 'ChangeEmailBody' });

/** What a mailed-link request answers, whoever it was for: where to look next. */
export const linkSent = z.object({ sentTo: z.string() }).meta({ id: 'LinkSent' });
export type LinkSent = z.infer<typeof linkSent>;

/** A WebAuthn ceremony's options, and the id of its challenge (kept on the server). */
export const ceremony = z
  .object({ challengeId: id, options: z.record(z.string(), z.unknown()) })
  .meta({ id: 'PasskeyCeremony' });
/** What the authenticator answered, as @simplewebauthn/browser gives it. */
const ceremonyAnswer = z.record(z.string(), z.unknown());
export const passkeyName = z
  .string()
  .trim()
  .max(50, 'Use at most 50 characters.')
  .refine(oneLine, 'Write the name on one line, without special characters.')
  .optional()
  .transform((v) => v || 'Passkey');
export const passkeySignUpBody = z
  .strictObject({ email: emailSchema, displayName: displayNameSchema })
  .meta({ id: 'PasskeySignUpBody' });
export const passkeyRegisterBody = z
  .strictObject({ challengeId: id, response: ceremonyAnswer, name: passkeyName })
  .meta({ id: 'PasskeyRegisterBody' });
export const passkeyAssertBody = z
  .strictObject({ challengeId: id, response: ceremonyAnswer })
  .meta({ id: 'PasskeyAssertBody' });
export const passkeyParams = z.strictObject({ id: z.string().min(1).max(1024) });
export const passkeyList = z
  .object({
    hasPassword: z.boolean(),
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        createdAt: isoTime,
        lastUsedAt: isoTime.nullable(),
        /** Synced across the person's devices (a backed-up passkey). */
        synced: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PasskeyList' });
export type PasskeyList = z.infer<typeof passkeyList>;

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
export const sessionParams = z.strictObject({ id });
