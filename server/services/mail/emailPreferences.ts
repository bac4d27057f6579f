/**
 * A person's choice of which emails they get: signed in from their account, or from the
 * one-click link at the foot of every mail, without signing in.
 */
import { AppError } from '../../../core/errors';
import type {
  EmailPreferences,
  EmailPreferencesBody,
  EmailPreferencesView,
} from '../../../core/protocol/mail';
import type { Viewer } from '../../access/viewer';
import { confirmAddress } from '../../accounts/confirmAddress';
import { saveEmailPreferences } from '../../db/queries/emailPreferences';
import { findUserEmail, raiseMailLinkGeneration } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { readPreferences, userOfToken } from '../../mail/preferences';
import { hideAddress } from '../../security/addresses';

const invalidLink = () =>
  new AppError('not_found', 'This link is not valid. Sign in to change your emails.');

/**
 * A person's choices. From a link (which anyone holding the mail could open) the address is
 * shown mostly hidden; signed in, in full.
 */
async function view(deps: Deps, userId: string, viaLink = false): Promise<EmailPreferencesView> {
  const user = await findUserEmail(deps.db, userId);
  if (!user) throw invalidLink();
  const preferences = (await readPreferences(deps.db, [userId])).get(userId) as EmailPreferences;
  return { email: viaLink ? hideAddress(user.email) : user.email, preferences };
}

/** Every optional mail off: what the one-click unsubscribe in a mail's headers does. */
const NOTHING_OPTIONAL: EmailPreferences = {
  reminders: [],
  roles: false,
  changes: false,
  proposals: false,
  spaceDigest: 'off',
};

async function save(deps: Deps, userId: string, input: EmailPreferencesBody, viaLink = false) {
  const current = (await readPreferences(deps.db, [userId])).get(userId) as EmailPreferences;
  const clean = {
    ...current,
    ...input,
    reminders: [...new Set(input.reminders)].sort((a, b) => b - a),
  };
  await saveEmailPreferences(deps.db, userId, clean, deps.now().toISOString());
  return view(deps, userId, viaLink);
}

/** The person a one-click link is for; using it shows the address is theirs. */
async function userOfLink(deps: Deps, token: string): Promise<string> {
  const userId = await userOfToken(deps.db, token);
  const user = userId ? await findUserEmail(deps.db, userId) : undefined;
  if (!userId || !user) throw invalidLink();
  await confirmAddress(deps.db, { id: userId, email: user.email }, deps.now());
  return userId;
}

export async function getMyEmailPreferences(deps: Deps, viewer: Viewer) {
  return view(deps, viewer.userId);
}

export async function setMyEmailPreferences(
  deps: Deps,
  viewer: Viewer,
  input: EmailPreferencesBody,
) {
  return save(deps, viewer.userId, input);
}

/** The same, from the link in a mail, without signing in. */
export async function getEmailPreferencesByToken(deps: Deps, input: { token: string }) {
  return view(deps, await userOfLink(deps, input.token), true);
}

/** RFC 8058 one-click unsubscribe, from a mail's List-Unsubscribe header. */
export async function unsubscribeByToken(deps: Deps, input: { token: string }): Promise<void> {
  await save(deps, await userOfLink(deps, input.token), NOTHING_OPTIONAL, true);
}

/**
 * Stops this link and every other one-click link already mailed to the person (someone
 * else may have their mail); the next mail carries a new one.
 */
export async function replaceLinksByToken(deps: Deps, input: { token: string }): Promise<void> {
  await raiseMailLinkGeneration(deps.db, await userOfLink(deps, input.token));
}

export async function setEmailPreferencesByToken(
  deps: Deps,
  input: { token: string } & EmailPreferencesBody,
) {
  const { token, ...preferences } = input;
  return save(deps, await userOfLink(deps, token), preferences, true);
}
