/**
 * Using a mailed link: choosing a new password, confirming an address (which signs the
 * person in: the link proves the mailbox is theirs), and confirming a new address.
 */

import { AppError } from '../../../core/errors';
import type { Me } from '../../../core/protocol/accounts';
import { confirmAddress } from '../../accounts/confirmAddress';
import { endSessionsOf, forgetPerson } from '../../accounts/forget';
import { linkInvalid, mailAccount, securityUrl, useLink } from '../../accounts/links';
import { meOf, viewerOf } from '../../accounts/me';
import { refuseCommonPassword } from '../../accounts/passwordRules';
import { isUniqueViolation } from '../../db/dialect';
import { findLiveAccountToken, voidAccountTokens } from '../../db/queries/accountTokens';
import {
  findUserById,
  raiseMailLinkGeneration,
  setEmail,
  updatePasswordHash,
} from '../../db/queries/users';
import type { Deps } from '../../deps';
import { passwordChangedMail } from '../../mail/messages';
import { hashPassword } from '../../security/passwords';
import { spendAttempt } from '../../security/rateLimit';
import { sha256 } from '../../security/tokens';
import type { RequestContext } from './signIn';
import { startSession } from './startSession';

/** Every link use is limited per network, so links cannot be guessed at speed. */
async function limitLinkUse(deps: Deps, context: RequestContext): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `link-ip:${context.ip}`,
      max: deps.config.rateLimits.loginPerIp,
      message: 'There have been too many attempts from this network.',
    },
  ]);
}

async function signInAfterLink(
  deps: Deps,
  userId: string,
  context: RequestContext,
): Promise<{ me: Me; token: string }> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw linkInvalid();
  const { token, sessionId } = await startSession(deps, user.id, context.userAgent);
  return { me: meOf(viewerOf(deps, user, sessionId)), token };
}

/**
 * Chooses a new password with a reset link: every other session ends, every other link the
 * person had stops working, the address counts as confirmed, and a notice is mailed.
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; password: string },
  context: RequestContext,
): Promise<{ me: Me; token: string }> {
  await limitLinkUse(deps, context);
  // Checked before the slow hash, so a dead link is refused at once; used under the write.
  if (
    !(await findLiveAccountToken(deps.db, sha256(input.token), 'reset', deps.now().toISOString()))
  )
    throw linkInvalid();
  refuseCommonPassword(input.password);
  const hash = await hashPassword(input.password, deps.config.argon2);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const at = now.toISOString();
    const link = await useLink(trx, input.token, 'reset', at);
    const user = await findUserById(trx, link.user_id);
    if (!user) throw linkInvalid();
    await updatePasswordHash(trx, user.id, hash);
    await voidAccountTokens(trx, user.id, at);
    await confirmAddress(trx, user, now);
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.password_changed',
      at,
      write: (c) =>
        passwordChangedMail(c, {
          byReset: true,
          securityUrl: securityUrl(deps),
        }),
    });
    return user.id;
  });
  await endSessionsOf(deps, userId, null);
  return signInAfterLink(deps, userId, context);
}

/** Confirms the address with its link and signs the person in. */
export async function verifyEmail(
  deps: Deps,
  input: { token: string },
  context: RequestContext,
): Promise<{ me: Me; token: string }> {
  await limitLinkUse(deps, context);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const link = await useLink(trx, input.token, 'verify', now.toISOString());
    const user = await findUserById(trx, link.user_id);
    if (!user) throw linkInvalid();
    await confirmAddress(trx, user, now);
    return user.id;
  });
  await forgetPerson(deps, userId);
  return signInAfterLink(deps, userId, context);
}

/**
 * Moves the account to the new address its link was sent to. The person's one-click mail
 * links are replaced (the old address may be someone else's now). Needs no session: the
 * link is enough.
 */
export async function confirmEmailChange(
  deps: Deps,
  input: { token: string },
  context: RequestContext,
): Promise<{ email: string }> {
  await limitLinkUse(deps, context);
  const { userId, email } = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const at = now.toISOString();
    const link = await useLink(trx, input.token, 'change_email', at);
    if (!link.email) throw linkInvalid();
    try {
      await setEmail(trx, link.user_id, link.email);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const message = 'Another account uses that address now, so yours stays as it was.';
      throw new AppError('auth.email_taken', message);
    }
    await raiseMailLinkGeneration(trx, link.user_id);
    await confirmAddress(trx, { id: link.user_id, email: link.email }, now);
    return { userId: link.user_id, email: link.email };
  });
  await forgetPerson(deps, userId);
  return { email };
}
