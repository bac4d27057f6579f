/** The account feature's calls: name, address, password, sessions, calendar feed, email choices. */
import type { LinkSent, Me, PasskeyList, SessionItem } from '../../../core/protocol/accounts';
import type { CalendarFeedStatus } from '../../../core/protocol/calendar';
import type { EmailPreferences, EmailPreferencesView } from '../../../core/protocol/mail';
import type { MyTracksView } from '../../../core/protocol/recordings';
import { del, get, patch, path, post, put } from '../../lib/api';

export const updateProfile = (displayName: string) => patch<Me>('/api/me', { displayName });
export const changePassword = (currentPassword: string | undefined, newPassword: string) =>
  put('/api/me/password', { currentPassword, newPassword });
export const changeEmail = (email: string, password: string | undefined) =>
  post<LinkSent>('/api/me/email', { email, password });
interface Ceremony {
  challengeId: string;
  options: Record<string, unknown>;
}
export const listPasskeys = () => get<PasskeyList>('/api/me/passkeys');
export const passkeyOptions = () => post<Ceremony>('/api/me/passkeys/options');
export const addPasskey = (challengeId: string, response: unknown, name: string) =>
  post<PasskeyList>('/api/me/passkeys', { challengeId, response, name });
export const removePasskey = (id: string) => del<PasskeyList>(path`/api/me/passkeys/${id}`);
export const confirmOptions = () => post<Ceremony>('/api/me/confirm/options');
export const confirmWithPasskey = (challengeId: string, response: unknown) =>
  post('/api/me/confirm', { challengeId, response });
export const closeAccount = (password: string | undefined) => post('/api/me/close', { password });
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

export const listMyRecordings = () => get<MyTracksView>('/api/me/recordings');
export const eraseMyTrack = (meetingId: string, recordingId: string, userId: string) =>
  del(path`/api/meetings/${meetingId}/recordings/${recordingId}/tracks/${userId}`);
