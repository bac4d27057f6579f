/**
 * A person's choice of which emails they get: signed in from their account, or from the
 * one-click link at the foot of every mail, without signing in.
 */
import { AppError } from '../../../core/errors';
import type { EmailPreferences, EmailPreferencesView } from '../../../core/protocol/mail';
import type { Viewer } from '../../access/viewer';
import { saveEmailPreferences } from '../../db/queries/emailPreferences';
import { findUserEmail } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { readPreferences, userOfToken } from '../../mail/preferences';

const invalidLink = () =>
  new AppError('not_found', 'This link is not valid. Sign in to change your emails.');

async function view(deps: Deps, userId: string): Promise<EmailPreferencesView> {
  const user = await findUserEmail(deps.db, userId);
  if (!user) throw invalidLink();
  const preferences = (await readPreferences(deps.db, [userId])).get(userId) as EmailPreferences;
  return { email: user.email, preferences };
}

async function save(deps: Deps, userId: string, input: EmailPreferences) {
  const clean = { ...input, reminders: [...new Set(input.reminders)].sort((a, b) => b - a) };
  await saveEmailPreferences(deps.db, userId, clean, deps.now().toISOString());
  return view(deps, userId);
}

async function userOfLink(deps: Deps, token: string): Promise<string> {
  const userId = await userOfToken(deps.db, token);
  if (!userId) throw invalidLink();
  return userId;
}

export async function getMyEmailPreferences(deps: Deps, viewer: Viewer) {
  return view(deps, viewer.userId);
}

export async function setMyEmailPreferences(deps: Deps, viewer: Viewer, input: EmailPreferences) {
  return save(deps, viewer.userId, input);
}

/** The same, from the link in a mail, without signing in. */
export async function getEmailPreferencesByToken(deps: Deps, input: { token: string }) {
  return view(deps, await userOfLink(deps, input.token));
}

export async function setEmailPreferencesByToken(
  deps: Deps,
  input: { token: string } & EmailPreferences,
) {
  const { token, ...preferences } = input;
  return save(deps, await userOfLink(deps, token), preferences);
}
