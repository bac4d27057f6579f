import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { Me, signInBody } from '../../../core/protocol/accounts';
import { mailAccount, securityUrl } from '../../accounts/links';
import { meOf, viewerOf } from '../../accounts/me';
import { checkPassword } from '../../accounts/passwordRules';
import { requireConfirmedToSignIn } from '../../accounts/requireConfirmed';
import { isKnownPlace, rememberPlace } from '../../accounts/signInPlaces';
import { findUserByEmail, updatePasswordHash } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { failedSignInsMail } from '../../mail/messages';
import { hashPassword, needsRehash } from '../../security/passwords';
import { checkAttempts, countAttempt, type Limit, spendAttempt } from '../../security/rateLimit';
import { startSession } from './startSession';

export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
  /** The browser's device cookie, set at its first successful sign-in. */
  deviceToken?: string | undefined;
}

/**
 * Signs a person in. Unknown email and wrong password give the same answer after the same
 * work, so sign-in does not reveal who has an account.
 *
 * The rule against lock-outs (docs/decisions/012-accounts.md): every network has its own
 * limit; failed attempts count against the account's limit only when they come from a device
 * and network the account has never signed in from, and once that limit is reached only such
 * unknown places are refused. The owner, on their own device or network, still gets in, and
 * is told by mail when the limit is reached.
 */
export async function signIn(
  deps: Deps,
  input: z.output<typeof signInBody>,
  context: RequestContext,
): Promise<{ me: Me; token: string; deviceToken: string | null }> {
  const limits = deps.config.rateLimits;
  const accountLimit: Limit = {
    key: `login-account:${input.email}`,
    max: limits.loginPerAccount,
    message: 'There have been too many sign-in attempts for this account from new places.',
  };
  await spendAttempt(deps, [
    {
      key: `login-ip:${context.ip}`,
      max: limits.loginPerIp,
      message: 'There have been too many sign-in attempts from this network.',
    },
  ]);
  const user = await findUserByEmail(deps.db, input.email);
  // Asked for an unknown address too, so both take the same time.
  const known = (await isKnownPlace(deps, user?.id ?? '', context)) && user !== undefined;
  if (!known) await checkAttempts(deps, accountLimit);

  if (!(await checkPassword(deps, user?.password_hash, input.password)) || !user) {
    if (!known) {
      const attempts = await countAttempt(deps, accountLimit);
      if (user && attempts === accountLimit.max) {
        const at = deps.now();
        await mailAccount(deps, deps.db, {
          userId: user.id,
          to: user.email,
          displayName: user.display_name,
          kind: 'account.failed_sign_ins',
          at: at.toISOString(),
          dedupeKey: `failed-sign-ins:${user.id}:${Math.floor(at.getTime() / limits.windowMs)}`,
          write: (c) =>
            failedSignInsMail(c, {
              attempts,
              securityUrl: securityUrl(deps),
            }),
        });
      }
    }
    throw new AppError(
      'auth.invalid_credentials',
      'That email and password do not match an account.',
    );
  }
  // Where Hearth sends mail, an account starts from the link mailed to it.
  await requireConfirmedToSignIn(deps, user);
  if (needsRehash(user.password_hash, deps.config.argon2)) {
    await updatePasswordHash(
      deps.db,
      user.id,
      await hashPassword(input.password, deps.config.argon2),
    );
  }
  const deviceToken = await rememberPlace(deps, user, context, known);
  const { token, sessionId, reopened } = await startSession(deps, user.id, context.userAgent);
  const me = meOf(viewerOf(deps, user, sessionId));
  return { me: reopened ? { ...me, reopened } : me, token, deviceToken };
}
