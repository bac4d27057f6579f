import { AppError } from '../../core/errors';
import type { Deps } from '../deps';
import { hashPassword, isCommonPassword, verifyPassword } from '../security/passwords';

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

/** The signed-in person's current password, required before changing what protects them. */
export async function requireCurrentPassword(
  deps: Deps,
  hash: string,
  password: string,
  field: string,
): Promise<void> {
  if (await checkPassword(deps, hash, password)) return;
  const message = 'That is not your current password.';
  throw new AppError('auth.wrong_password', message, {
    fields: { [field]: { code: 'password_wrong', message } },
  });
}
