/**
 * The signed-in person changes their own account: the name others see, their password
 * (the current one required), their address (confirmed at the new one, with a notice to the
 * old), and asks for the confirmation link again.
 */

import { AppError } from '../../../core/errors';
import type { LinkSent, Me } from '../../../core/protocol/accounts';
import type { Viewer } from '../../access/viewer';
import { endSessionsOf, forgetPerson } from '../../accounts/forget';
import { issueLink, mailAccount, mailConfirmationLink, securityUrl } from '../../accounts/links';
import { currentUser, meOf } from '../../accounts/me';
import { refuseCommonPassword, requireCurrentPassword } from '../../accounts/passwordRules';
import { voidAccountTokens } from '../../db/queries/accountTokens';
import { findUserByEmail, setDisplayName, updatePasswordHash } from '../../db/queries/users';
import type { Deps } from '../../deps';
import {
  changeEmailMail,
  emailChangeNoticeMail,
  emailChangeTakenMail,
  passwordChangedMail,
} from '../../mail/messages';
import { hideAddress, sameAddress } from '../../security/addresses';
import { hashPassword } from '../../security/passwords';
import { spendAttempt } from '../../security/rateLimit';

/** Changes to an account are limited per person, like every way in. */
async function limitChanges(deps: Deps, viewer: Viewer, what: string): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `account-${what}:${viewer.userId}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'You have made several changes in a short time.',
    },
  ]);
}

/** Changes the name other members see; every cached view with the old name is forgotten. */
export async function updateProfile(
  deps: Deps,
  viewer: Viewer,
  input: { displayName: string },
): Promise<Me> {
  await limitChanges(deps, viewer, 'profile');
  await setDisplayName(deps.db, viewer.userId, input.displayName);
  await forgetPerson(deps, viewer.userId);
  return meOf({ ...viewer, displayName: input.displayName });
}

/** Changes the password: the current one is required; every other session ends. */
export async function changePassword(
  deps: Deps,
  viewer: Viewer,
  input: { currentPassword?: string | undefined; newPassword: string },
): Promise<void> {
  await limitChanges(deps, viewer, 'password');
  const user = await currentUser(deps, viewer);
  await requireCurrentPassword(
    deps,
    viewer,
    user.password_hash,
    input.currentPassword,
    'currentPassword',
  );
  refuseCommonPassword(input.newPassword, 'newPassword');
  const hash = await hashPassword(input.newPassword, deps.config.argon2);
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.now().toISOString();
    await updatePasswordHash(trx, user.id, hash);
    await voidAccountTokens(trx, user.id, at);
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.password_changed',
      at,
      write: (c) => passwordChangedMail(c, { byReset: false, securityUrl: securityUrl(deps) }),
    });
  });
  await endSessionsOf(deps, user.id, viewer.sessionId);
}

/**
 * Asks to move the account to a new address: a link goes there, and a notice to the old
 * one. The answer is the same when the new address has an account already (its owner is
 * told, by mail, that nothing changed), so this cannot be used to find who is here.
 */
export async function requestEmailChange(
  deps: Deps,
  viewer: Viewer,
  input: { email: string; password?: string | undefined },
): Promise<LinkSent> {
  await limitChanges(deps, viewer, 'email');
  const user = await currentUser(deps, viewer);
  await requireCurrentPassword(deps, viewer, user.password_hash, input.password, 'password');
  if (sameAddress(user.email, input.email)) {
    const message = 'That is already your address.';
    throw new AppError('auth.same_email', message, {
      fields: { email: { code: 'same_email', message } },
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const at = now.toISOString();
    const taken = await findUserByEmail(trx, input.email);
    if (taken) {
      await mailAccount(deps, trx, {
        userId: taken.id,
        to: taken.email,
        displayName: taken.display_name,
        kind: 'account.change_email_taken',
        at,
        write: (c) => emailChangeTakenMail(c),
      });
      return;
    }
    const url = await issueLink(deps, trx, {
      userId: user.id,
      scope: 'change_email',
      email: input.email,
      at: now,
    });
    await mailAccount(deps, trx, {
      userId: user.id,
      to: input.email,
      displayName: user.display_name,
      kind: 'account.change_email',
      at,
      write: (c) => changeEmailMail(c, { url }),
    });
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.change_email_notice',
      at,
      write: (c) =>
        emailChangeNoticeMail(c, {
          newAddress: hideAddress(input.email),
          securityUrl: securityUrl(deps),
        }),
    });
  });
  return { sentTo: input.email };
}

/** Sends the link that confirms the person's address again (the newest one works). */
export async function resendVerification(deps: Deps, viewer: Viewer): Promise<LinkSent> {
  if (viewer.emailConfirmed) {
    throw new AppError('auth.already_confirmed', 'Your email address is already confirmed.');
  }
  await limitChanges(deps, viewer, 'verify');
  const user = await currentUser(deps, viewer);
  await deps.db.transaction().execute((trx) => mailConfirmationLink(deps, trx, user, false));
  return { sentTo: user.email };
}
