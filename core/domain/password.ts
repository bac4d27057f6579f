/** Passwords: long enough to resist guessing, no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Length in characters as a person counts them, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

export type PasswordProblem = 'too_short' | 'too_long' | null;

/** The length rule shared by the sign-up form and the server. */
export function passwordLengthProblem(password: string): PasswordProblem {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}
