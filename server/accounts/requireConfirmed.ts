import { AppError } from '../../core/errors';
import { mayMail, type UserRow } from '../db/queries/users';
import type { Deps } from '../deps';
import { canSendMail, mailConfirmationLink } from './links';

/**
 * Where Hearth sends mail, an account starts from the link mailed to it: signing in before
 * that (with a password or a passkey) sends the link again and says so.
 */
export async function requireConfirmedToSignIn(
  deps: Deps,
  user: Pick<UserRow, 'id' | 'email' | 'display_name' | 'email_verified_at' | 'email_trusted'>,
): Promise<void> {
  if (!canSendMail(deps) || mayMail(user)) return;
  await deps.db.transaction().execute((trx) => mailConfirmationLink(deps, trx, user, true));
  throw new AppError(
    'auth.unconfirmed',
    'Please confirm your email address first. We have sent the link again: open it to sign in.',
  );
}
