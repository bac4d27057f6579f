/** The account feature's calls: sessions, the calendar feed, email choices. */
import type { SessionItem } from '../../../core/protocol/accounts';
import type { CalendarFeedStatus } from '../../../core/protocol/calendar';
import type { EmailPreferences, EmailPreferencesView } from '../../../core/protocol/mail';
import { del, get, path, post, put } from '../../lib/api';

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
