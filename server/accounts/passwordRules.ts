import { AppError } from '../../core/errors';
import { sessionConfirmedAt } from '../db/queries/passkeys';
import type { Deps } from '../deps';
import { hashPassword, isCommonPassword, verifyPassword } from '../security/passwords';
import { CONFIRMED_MINUTES } from './passkeys';

/** Refuses a password many people use, naming the field it came from. */
export function refuseCommonPassword(password: string, field = 'password'): void {
  if (!isCommonPassword(password)) return;
  const message =
    'That password is used by many people, so it is easy to guess. Try a phrase only you would think of.';
  throw new AppError('auth.common_password', message, {
    fields: { [field]: { code: 'password_common', message } },
  });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a hash, or against a stand-in when there is no account, so the
 * answer takes the same time either way.
 */
export async function checkPassword(
  deps: Deps,
  hash: string | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword('a password nobody has', deps.config.argon2);
  // No hash (no account, or an erased one) is checked against a stand-in all the same.
  const usable = hash ? hash : undefined;
  const ok = await verifyPassword(usable ?? (await dummyHash), password);
  return ok && usable !== undefined;
}

/**
 * Before changing what protects an account, the person shows it is them: with their current
 * password, or, having none, with a passkey in the last few minutes (the session's
 * confirmation, see server/accounts/passkeys.ts).
 */
export async function requireCurrentPassword(
  deps: Deps,
  viewer: { sessionId: string },
  hash: string,
  password: string | undefined,
  field: string,
): Promise<void> {
  if (!password) {
    const confirmed = await sessionConfirmedAt(deps.db, viewer.sessionId);
    const recent = deps.now().getTime() - CONFIRMED_MINUTES * 60_000;
    if (confirmed && Date.parse(confirmed) >= recent) return;
    const message = hash
      ? 'Enter your current password.'
      : 'Confirm it is you with your passkey first.';
    throw new AppError('auth.confirm_needed', message, {
      fields: { [field]: { code: 'required', message } },
    });
  }
  if (await checkPassword(deps, hash, password)) return;
  const message = 'That is not your current password.';
  throw new AppError('auth.wrong_password', message, {
    fields: { [field]: { code: 'password_wrong', message } },
  });
}
