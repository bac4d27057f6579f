/** The account feature's calls: name, address, password, sessions, calendar feed, email choices. */
import type { LinkSent, Me, SessionItem } from '../../../core/protocol/accounts';
import type { CalendarFeedStatus } from '../../../core/protocol/calendar';
import type { EmailPreferences, EmailPreferencesView } from '../../../core/protocol/mail';
import { del, get, patch, path, post, put } from '../../lib/api';

export const updateProfile = (displayName: string) => patch<Me>('/api/me', { displayName });
export const changePassword = (currentPassword: string, newPassword: string) =>
  put('/api/me/password', { currentPassword, newPassword });
export const changeEmail = (email: string, password: string) =>
  post<LinkSent>('/api/me/email', { email, password });
export const closeAccount = (password: string) => post('/api/me/close', { password });
export const resendConfirmation = () => post<LinkSent>('/api/me/email/confirmation');

export const listSessions = () => get<{ items: SessionItem[] }>('/api/me/sessions');
export const endSession = (sessionId: string) => del(path`/api/me/sessions/${sessionId}`);

export const getCalendarFeed = () => get<CalendarFeedStatus>('/api/me/calendar');
export const makeCalendarFeed = () => post<CalendarFeedStatus>('/api/me/calendar');
export const stopCalendarFeed = () => del('/api/me/calendar');

/** Email choices: the signed-in person's own, or (with a token) from the link in a mail. */
export const getEmailPreferences = (token?: string) =>
  get<EmailPreferencesView>(
    token ? path`/api/email-preferences/${token}` : '/api/me/email-preferences',
  );
/** Stops this mailed link and every older one (the next mail carries a new one). */
export const replaceEmailLinks = (token: string) =>
  post(path`/api/email-preferences/${token}/replace`);
export const saveEmailPreferences = (preferences: EmailPreferences, token?: string) =>
  put<EmailPreferencesView>(
    token ? path`/api/email-preferences/${token}` : '/api/me/email-preferences',
    preferences,
  );
