/**
 * Where people sign in from: a device (the browser's device cookie) and a network, kept
 * hashed. Known places are never locked out by a stranger's failures (see signIn.ts), and a
 * sign-in from a new place, on an account that has signed in before, is told to its owner.
 */
import { countSources, knownSources, rememberSources } from '../db/queries/signInSources';
import type { UserRow } from '../db/queries/users';
import type { Deps } from '../deps';
import { newSignInMail } from '../mail/messages';
import { describeDevice } from '../security/device';
import { newToken, sha256 } from '../security/tokens';
import { mailAccount, securityUrl } from './links';

export interface Place {
  ip: string;
  userAgent: string | undefined;
  deviceToken?: string | undefined;
}

const usableDevice = (place: Place) =>
  place.deviceToken && place.deviceToken.length <= 64 ? place.deviceToken : null;

/** What identifies where an attempt comes from. */
export function sourcesOf(place: Place): string[] {
  const sources = [sha256(`ip:${place.ip}`)];
  const device = usableDevice(place);
  if (device) sources.push(sha256(`device:${device}`));
  return sources;
}

/** Whether the person has signed in from this device or network before. */
export async function isKnownPlace(deps: Deps, userId: string, place: Place): Promise<boolean> {
  return knownSources(deps.db, userId, sourcesOf(place));
}

/**
 * After a successful sign-in: remembers the place (giving the browser a device cookie if it
 * has none, returned to set) and tells the owner when it is new to an account used before.
 */
export async function rememberPlace(
  deps: Deps,
  user: Pick<UserRow, 'id' | 'email' | 'display_name'>,
  place: Place,
  /** Whether the caller already found the place known (password sign-in asks first). */
  knownAlready?: boolean,
): Promise<string | null> {
  const now = deps.now();
  const at = now.toISOString();
  const known = knownAlready ?? (await isKnownPlace(deps, user.id, place));
  const before = known ? 1 : await countSources(deps.db, user.id);
  const deviceToken = usableDevice(place) ? null : newToken();
  const sources = sourcesOf(place);
  if (deviceToken) sources.push(sha256(`device:${deviceToken}`));
  await rememberSources(deps.db, user.id, sources, at);
  if (!known && before > 0) {
    await mailAccount(deps, deps.db, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.new_sign_in',
      at,
      write: (c) =>
        newSignInMail(c, {
          device: describeDevice(place.userAgent),
          when: now.toUTCString(),
          securityUrl: securityUrl(deps),
        }),
    });
  }
  return deviceToken;
}
