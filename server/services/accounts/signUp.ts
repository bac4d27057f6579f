import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { CheckInbox, Me, signUpBody } from '../../../core/protocol/accounts';
import { canSendMail, issueLink, mailAccount, mailConfirmationLink } from '../../accounts/links';
import { meOf, viewerOf } from '../../accounts/me';
import { refuseCommonPassword } from '../../accounts/passwordRules';
import { isUniqueViolation } from '../../db/dialect';
import { findUserByEmail, insertUser, mayMail } from '../../db/queries/users';
import type { Database } from '../../db/tables';
import type { Deps } from '../../deps';
import { signUpExistingMail } from '../../mail/messages';
import { hashPassword } from '../../security/passwords';
import { spendAttempt } from '../../security/rateLimit';
import { newId } from '../../security/tokens';
import type { RequestContext } from './signIn';
import { startSession } from './startSession';

export type SignUpResult =
  | { kind: 'signed_in'; me: Me; token: string }
  | { kind: 'check_inbox'; answer: CheckInbox };

/**
 * Creates an account. Where Hearth can send mail, sign-up answers the same for a new address
 * and one that has an account ("check your inbox"), after the same work: the new account's
 * first session starts from the link mailed to it, and the owner of an existing one is told
 * someone tried and offered a new password. Without mail, the person is signed in at once
 * (so Hearth works on its own), and the answer then shows an address is taken.
 */
export async function signUp(
  deps: Deps,
  input: z.output<typeof signUpBody>,
  context: RequestContext,
): Promise<SignUpResult> {
  await limitSignUp(deps, input.email, context.ip);
  refuseCommonPassword(input.password);
  // Hashed in every case, so a taken address takes as long as a new one.
  const passwordHash = await hashPassword(input.password, deps.config.argon2);
  return createAccount(deps, { ...input, passwordHash }, context);
}

/** Sign-up's answer for the address, limited per network and per address. */
export async function limitSignUp(deps: Deps, email: string, ip: string): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `signup-ip:${ip}`,
      max: deps.config.rateLimits.signupPerIp,
      message: 'Too many accounts have been created from this network recently.',
    },
    {
      // Per account: repeated sign-ups for one email (probing whether it has an account).
      key: `signup-account:${email}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'There have been too many attempts to create an account with this email.',
    },
  ]);
}

/**
 * Makes the account (with a password hash, or '' for none) and whatever else it starts with
 * (a passkey, by `addPasskey`), and answers as sign-up does.
 */
export async function createAccount(
  deps: Deps,
  input: {
    email: string;
    displayName: string;
    passwordHash: string;
    passkeyHandle?: string;
    addPasskey?: (trx: Kysely<Database>, userId: string) => Promise<void>;
  },
  context: RequestContext,
): Promise<SignUpResult> {
  const { passwordHash } = input;
  const id = newId();
  const now = deps.now();
  const createdAt = now.toISOString();
  const mailing = canSendMail(deps);
  const answer: CheckInbox = { checkInbox: true, email: input.email };

  const created = await deps.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) return false;
    try {
      await insertUser(trx, {
        id,
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        created_at: createdAt,
        passkey_handle: input.passkeyHandle ?? null,
      });
    } catch (error) {
      // Taken a moment ago by a sign-up running beside this one; nothing more runs here.
      if (!isUniqueViolation(error)) throw error;
      return false;
    }
    await input.addPasskey?.(trx, id);
    // The address is confirmed by its link; until then it gets nothing else.
    await mailConfirmationLink(
      deps,
      trx,
      { id, email: input.email, display_name: input.displayName },
      mailing,
    );
    return true;
  });

  if (!created) {
    if (!mailing) {
      const message = 'There is already an account with this email. Try signing in instead.';
      throw new AppError('auth.email_taken', message, {
        fields: { email: { code: 'email_taken', message } },
      });
    }
    await tellOwner(deps, input.email, now);
    return { kind: 'check_inbox', answer };
  }
  if (mailing) return { kind: 'check_inbox', answer };
  const { token, sessionId } = await startSession(deps, id, context.userAgent);
  const me = meOf(
    viewerOf(
      deps,
      {
        id,
        email: input.email,
        display_name: input.displayName,
        created_at: createdAt,
        email_verified_at: null,
        email_trusted: 0,
      },
      sessionId,
    ),
  );
  return { kind: 'signed_in', me, token };
}

/**
 * Someone signed up with an address that has an account: its owner hears of it, with a way
 * in (the confirmation link again, if the account was never confirmed; else a new password).
 */
async function tellOwner(deps: Deps, email: string, now: Date): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return;
    if (!mayMail(user)) return mailConfirmationLink(deps, trx, user, true);
    const url = await issueLink(deps, trx, { userId: user.id, scope: 'reset', at: now });
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.signup_existing',
      at: now.toISOString(),
      write: (c) =>
        signUpExistingMail(c, {
          resetUrl: url,
          signInUrl: `${deps.config.publicUrl}/signin`,
        }),
    });
  });
}
