/** The auth feature's calls: signing up and in, and the links Hearth mails about an account. */
import type { CheckInbox, LinkSent, Me } from '../../../core/protocol/accounts';
import { post } from '../../lib/api';

export const signUp = (body: { email: string; displayName: string; password: string }) =>
  post<Me | CheckInbox>('/api/auth/signup', body);

export const signIn = (body: { email: string; password: string }) =>
  post<Me>('/api/auth/login', body);

export const forgotPassword = (email: string) => post<LinkSent>('/api/auth/forgot', { email });
export const resetPassword = (token: string, password: string) =>
  post<Me>('/api/auth/reset', { token, password });
export const verifyEmail = (token: string) => post<Me>('/api/auth/verify', { token });
export const confirmEmailChange = (token: string) =>
  post<{ email: string }>('/api/auth/confirm-email', { token });

/**
 * Where to go once the address is confirmed: remembered on this device when sign-up says
 * "check your inbox", used when the link is opened (on this device) and then forgotten.
 */
const AFTER_CONFIRM = 'hearth.afterConfirm';
export function rememberAfterConfirm(path: string): void {
  try {
    localStorage.setItem(AFTER_CONFIRM, path);
  } catch {
    // Private browsing: the person lands on their groups instead.
  }
}
export function takeAfterConfirm(): string | null {
  try {
    const path = localStorage.getItem(AFTER_CONFIRM);
    localStorage.removeItem(AFTER_CONFIRM);
    return path;
  } catch {
    return null;
  }
}

// Passkeys, through @simplewebauthn/browser.

interface Ceremony {
  challengeId: string;
  options: Record<string, unknown>;
}

/** Whether this browser can use passkeys at all. */
export async function passkeysAvailable(): Promise<boolean> {
  const { browserSupportsWebAuthn } = await import('@simplewebauthn/browser');
  return browserSupportsWebAuthn();
}

/** Asks the authenticator to make a passkey for these options. */
export async function makePasskey(options: Record<string, unknown>) {
  const { startRegistration } = await import('@simplewebauthn/browser');
  return startRegistration({ optionsJSON: options as never });
}

/** Asks the authenticator to sign with a passkey for these options. */
export async function usePasskey(options: Record<string, unknown>) {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  return startAuthentication({ optionsJSON: options as never });
}

export async function signInWithPasskey(): Promise<Me> {
  const start = await post<Ceremony>('/api/auth/passkey/signin-options');
  const response = await usePasskey(start.options);
  return post<Me>('/api/auth/passkey/signin', { challengeId: start.challengeId, response });
}

export async function signUpWithPasskey(body: {
  email: string;
  displayName: string;
}): Promise<Me | CheckInbox> {
  const start = await post<Ceremony>('/api/auth/passkey/signup-options', body);
  const response = await makePasskey(start.options);
  return post<Me | CheckInbox>('/api/auth/passkey/signup', {
    challengeId: start.challengeId,
    response,
  });
}

/** True when the person closed the browser's passkey prompt (not an error to show loudly). */
export function passkeyCancelled(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')
  );
}
