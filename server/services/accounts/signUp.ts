import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { Me, signUpBody } from '../../../core/protocol/accounts';
import { isUniqueViolation } from '../../db/dialect';
import { insertUser } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { hashPassword, isCommonPassword } from '../../security/passwords';
import { spendAttempt } from '../../security/rateLimit';
import { newId } from '../../security/tokens';
import { startSession } from './startSession';

export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
}

/** Creates an account and signs the person in. */
export async function signUp(
  deps: Deps,
  input: z.output<typeof signUpBody>,
  context: RequestContext,
): Promise<{ me: Me; token: string }> {
  await spendAttempt(deps, [
    {
      key: `signup-ip:${context.ip}`,
      max: deps.config.rateLimits.signupPerIp,
      message: 'Too many accounts have been created from this network recently.',
    },
    {
      // Per account: repeated sign-ups for one email (probing whether it has an account).
      key: `signup-account:${input.email}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'There have been too many attempts to create an account with this email.',
    },
  ]);
  if (isCommonPassword(input.password)) {
    const message =
      'That password is used by many people, so it is easy to guess. Try a phrase only you would think of.';
    throw new AppError('auth.common_password', message, {
      fields: { password: { code: 'password_common', message } },
    });
  }
  const id = newId();
  const createdAt = deps.now().toISOString();
  const passwordHash = await hashPassword(input.password, deps.config.argon2);
  try {
    await insertUser(deps.db, {
      id,
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      created_at: createdAt,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = 'There is already an account with this email. Try signing in instead.';
    throw new AppError('auth.email_taken', message, {
      fields: { email: { code: 'email_taken', message } },
    });
  }
  const { token } = await startSession(deps, id, context.userAgent);
  return {
    me: {
      id,
      email: input.email,
      displayName: input.displayName,
      isAdmin: deps.config.adminEmails.has(input.email),
      createdAt,
    },
    token,
  };
}
