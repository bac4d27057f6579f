import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { Me, signInBody } from '../../../core/protocol/accounts';
import { findUserByEmail, updatePasswordHash } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { hashPassword, needsRehash, verifyPassword } from '../../security/passwords';
import { checkAttempts, type Limit, spendAttempt } from '../../security/rateLimit';
import type { RequestContext } from './signUp';
import { startSession } from './startSession';

let dummyHash: Promise<string> | undefined;

/**
 * Signs a person in. Unknown email and wrong password give the same answer after the same
 * work, so sign-in does not reveal who has an account.
 */
export async function signIn(
  deps: Deps,
  input: z.output<typeof signInBody>,
  context: RequestContext,
): Promise<{ me: Me; token: string }> {
  const limits = deps.config.rateLimits;
  const accountLimit: Limit = {
    key: `login-account:${input.email}`,
    max: limits.loginPerAccount,
    message: 'There have been too many sign-in attempts for this account.',
  };
  await spendAttempt(deps, [
    {
      key: `login-ip:${context.ip}`,
      max: limits.loginPerIp,
      message: 'There have been too many sign-in attempts from this network.',
    },
  ]);
  await checkAttempts(deps, accountLimit);

  const user = await findUserByEmail(deps.db, input.email);
  dummyHash ??= hashPassword('a password nobody has', deps.config.argon2);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok) {
    await spendAttempt(deps, [accountLimit]);
    throw new AppError(
      'auth.invalid_credentials',
      'That email and password do not match an account.',
    );
  }
  if (needsRehash(user.password_hash, deps.config.argon2)) {
    await updatePasswordHash(
      deps.db,
      user.id,
      await hashPassword(input.password, deps.config.argon2),
    );
  }
  const { token } = await startSession(deps, user.id, context.userAgent);
  return {
    me: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      isAdmin: deps.config.adminEmails.has(user.email),
      createdAt: user.created_at,
    },
    token,
  };
}
