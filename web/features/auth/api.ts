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
