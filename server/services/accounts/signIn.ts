import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { Me, signInBody } from '../../../core/protocol/accounts';
import { canSendMail, issueLink, mailAccount } from '../../accounts/links';
import { meOf, viewerOf } from '../../accounts/me';
import { checkPassword } from '../../accounts/passwordRules';
import { knownSources, rememberSources } from '../../db/queries/signInSources';
import { findUserByEmail, mayMail, updatePasswordHash } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { failedSignInsMail, verifyMail } from '../../mail/messages';
import { hashPassword, needsRehash } from '../../security/passwords';
import { checkAttempts, countAttempt, type Limit, spendAttempt } from '../../security/rateLimit';
import { newToken, sha256 } from '../../security/tokens';
import { startSession } from './startSession';

export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
  /** The browser's device cookie, set at its first successful sign-in. */
  deviceToken?: string | undefined;
}

/** What identifies where an attempt comes from: the device cookie, and the network. */
function sourcesOf(context: RequestContext): string[] {
  const sources = [sha256(`ip:${context.ip}`)];
  if (context.deviceToken && context.deviceToken.length <= 64)
    sources.push(sha256(`device:${context.deviceToken}`));
  return sources;
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
  const sources = sourcesOf(context);
  const known = user ? await knownSources(deps.db, user.id, sources) : false;
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
              securityUrl: `${deps.config.publicUrl}/forgot-password`,
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
  if (canSendMail(deps) && !mayMail(user)) {
    await deps.db.transaction().execute(async (trx) => {
      const at = deps.now();
      const url = await issueLink(deps, trx, { userId: user.id, scope: 'verify', at });
      await mailAccount(deps, trx, {
        userId: user.id,
        to: user.email,
        displayName: user.display_name,
        kind: 'account.verify',
        at: at.toISOString(),
        write: (c) => verifyMail(c, { url, signingUp: true }),
      });
    });
    throw new AppError(
      'auth.unconfirmed',
      'Please confirm your email address first. We have sent the link again: open it to sign in.',
    );
  }
  if (needsRehash(user.password_hash, deps.config.argon2)) {
    await updatePasswordHash(
      deps.db,
      user.id,
      await hashPassword(input.password, deps.config.argon2),
    );
  }
  const deviceToken = context.deviceToken && context.deviceToken.length <= 64 ? null : newToken();
  await rememberSources(
    deps.db,
    user.id,
    deviceToken ? [...sources, sha256(`device:${deviceToken}`)] : sources,
    deps.now().toISOString(),
  );
  const { token, sessionId, reopened } = await startSession(deps, user.id, context.userAgent);
  const me = meOf(viewerOf(deps, user, sessionId));
  return { me: reopened ? { ...me, reopened } : me, token, deviceToken };
}
