/**
 * Passkeys: signing up and in with one, adding and removing them on the account page, and
 * confirming it is you with one before a sensitive change (for people without a password).
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors';
import type { Me, PasskeyList } from '../../../core/protocol/accounts';
import type { Viewer } from '../../access/viewer';
import { currentUser, meOf, viewerOf } from '../../accounts/me';
import {
  keepChallenge,
  newPasskeyHandle,
  passkeyFailed,
  relyingParty,
  useChallenge,
} from '../../accounts/passkeys';
import { requireConfirmedToSignIn } from '../../accounts/requireConfirmed';
import { rememberPlace } from '../../accounts/signInPlaces';
import {
  confirmSession,
  deletePasskey,
  findPasskey,
  insertPasskey,
  listPasskeysOf,
  setPasskeyHandle,
  usePasskey,
} from '../../db/queries/passkeys';
import { findUserById } from '../../db/queries/users';
import type { Database } from '../../db/tables';
import type { Deps } from '../../deps';
import { spendAttempt } from '../../security/rateLimit';
import type { RequestContext } from './signIn';
import { createAccount, limitSignUp, type SignUpResult } from './signUp';
import { startSession } from './startSession';

type Options = Record<string, unknown>;

async function limitCeremony(deps: Deps, ip: string): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `passkey-ip:${ip}`,
      max: deps.config.rateLimits.loginPerIp,
      message: 'There have been too many passkey attempts from this network.',
    },
  ]);
}

/** Registration options for a person (existing, or about to be), with their handle. */
async function registrationOptions(
  deps: Deps,
  person: { email: string; displayName: string; handle: string; existing: string[] },
) {
  const rp = relyingParty(deps);
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: person.email,
    userDisplayName: person.displayName,
    userID: Buffer.from(person.handle, 'base64url'),
    attestationType: 'none',
    excludeCredentials: person.existing.map((id) => ({ id })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
}

/** Checks a registration and returns the passkey to store for the person. */
async function verifiedPasskey(
  deps: Deps,
  challenge: string,
  response: unknown,
  name: string,
): Promise<(userId: string) => Parameters<typeof insertPasskey>[1]> {
  const rp = relyingParty(deps);
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
  } catch {
    throw passkeyFailed();
  }
  if (!result.verified || !result.registrationInfo) throw passkeyFailed();
  const { credential, credentialBackedUp } = result.registrationInfo;
  const at = deps.now().toISOString();
  return (userId) => ({
    id: credential.id,
    user_id: userId,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    backed_up: credentialBackedUp ? 1 : 0,
    name,
    created_at: at,
    last_used_at: null,
  });
}

// Signing up with a passkey.

export async function passkeySignUpOptions(
  deps: Deps,
  input: { email: string; displayName: string },
  context: RequestContext,
): Promise<{ challengeId: string; options: Options }> {
  await limitCeremony(deps, context.ip);
  const handle = newPasskeyHandle();
  const options = await registrationOptions(deps, { ...input, handle, existing: [] });
  const challengeId = await keepChallenge(deps, deps.db, {
    challenge: options.challenge,
    purpose: 'signup',
    userId: null,
    payload: { ...input, handle },
  });
  return { challengeId, options: options as unknown as Options };
}

/** Finishes a passkey sign-up: the account has the passkey and no password. */
export async function signUpWithPasskey(
  deps: Deps,
  input: { challengeId: string; response: unknown; name: string },
  context: RequestContext,
): Promise<SignUpResult> {
  await limitCeremony(deps, context.ip);
  const row = await useChallenge(deps, input.challengeId, 'signup', null);
  const person = JSON.parse(row.payload ?? '{}') as {
    email: string;
    displayName: string;
    handle: string;
  };
  await limitSignUp(deps, person.email, context.ip);
  const passkey = await verifiedPasskey(deps, row.challenge, input.response, input.name);
  return createAccount(
    deps,
    {
      email: person.email,
      displayName: person.displayName,
      passwordHash: '',
      passkeyHandle: person.handle,
      addPasskey: (trx, userId) => insertPasskey(trx, passkey(userId)),
    },
    context,
  );
}

// Signing in with a passkey.

export async function passkeySignInOptions(
  deps: Deps,
  context: RequestContext,
): Promise<{ challengeId: string; options: Options }> {
  await limitCeremony(deps, context.ip);
  return assertionCeremony(deps, 'signin', null, []);
}

/** Options to sign with a passkey (any of the person's, or any at all), and its challenge. */
async function assertionCeremony(
  deps: Deps,
  purpose: 'signin' | 'confirm',
  userId: string | null,
  allow: string[],
): Promise<{ challengeId: string; options: Options }> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).rpID,
    userVerification: 'preferred',
    ...(allow.length > 0 ? { allowCredentials: allow.map((id) => ({ id })) } : {}),
  });
  const challengeId = await keepChallenge(deps, deps.db, {
    challenge: options.challenge,
    purpose,
    userId,
  });
  return { challengeId, options: options as unknown as Options };
}

/** Checks an assertion against the stored passkey and moves its counter on. */
async function verifyAssertion(
  deps: Deps,
  challenge: string,
  response: unknown,
  mustBelongTo: string | null,
) {
  const id = (response as { id?: unknown }).id;
  if (typeof id !== 'string' || id.length > 1024) throw passkeyFailed();
  const stored = await findPasskey(deps.db, id);
  if (!stored || (mustBelongTo && stored.user_id !== mustBelongTo)) throw passkeyFailed();
  const rp = relyingParty(deps);
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
      credential: {
        id: stored.id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
        // Synced passkeys keep their counter at 0; the library accepts 0 after 0.
        counter: Number(stored.counter),
        transports: JSON.parse(stored.transports),
      },
    });
  } catch {
    throw passkeyFailed();
  }
  if (!result.verified) throw passkeyFailed();
  await usePasskey(
    deps.db,
    stored.id,
    result.authenticationInfo.newCounter,
    deps.now().toISOString(),
  );
  return stored;
}

export async function signInWithPasskey(
  deps: Deps,
  input: { challengeId: string; response: unknown },
  context: RequestContext,
): Promise<{ me: Me; token: string; deviceToken: string | null }> {
  await limitCeremony(deps, context.ip);
  const row = await useChallenge(deps, input.challengeId, 'signin', null);
  const passkey = await verifyAssertion(deps, row.challenge, input.response, null);
  const user = await findUserById(deps.db, passkey.user_id);
  if (!user || user.erased_at) throw passkeyFailed();
  await requireConfirmedToSignIn(deps, user);
  const deviceToken = await rememberPlace(deps, user, context);
  const { token, sessionId, reopened } = await startSession(deps, user.id, context.userAgent);
  await confirmSession(deps.db, sessionId, deps.now().toISOString());
  const me = meOf(viewerOf(deps, user, sessionId));
  return { me: reopened ? { ...me, reopened } : me, token, deviceToken };
}

// The account page: the person's passkeys.

async function listFor(db: Kysely<Database>, userId: string): Promise<PasskeyList> {
  const user = await findUserById(db, userId);
  const rows = await listPasskeysOf(db, userId);
  return {
    hasPassword: Boolean(user?.password_hash),
    items: rows.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.created_at,
      lastUsedAt: p.last_used_at,
      synced: p.backed_up === 1,
    })),
  };
}

export async function listPasskeys(deps: Deps, viewer: Viewer): Promise<PasskeyList> {
  return listFor(deps.db, viewer.userId);
}

/** Keeping passkeys and confirming with one are limited per person, like every way in. */
async function limitPerson(deps: Deps, viewer: Viewer): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `passkey-person:${viewer.userId}`,
      max: deps.config.rateLimits.loginPerIp,
      message: 'There have been many passkey requests on your account in a short time.',
    },
  ]);
}

export async function passkeyRegistrationOptions(
  deps: Deps,
  viewer: Viewer,
): Promise<{ challengeId: string; options: Options }> {
  await limitPerson(deps, viewer);
  const user = await currentUser(deps, viewer);
  let handle = user.passkey_handle;
  if (!handle) {
    handle = newPasskeyHandle();
    await setPasskeyHandle(deps.db, user.id, handle);
    handle = (await findUserById(deps.db, user.id))?.passkey_handle ?? handle;
  }
  const existing = (await listPasskeysOf(deps.db, user.id)).map((p) => p.id);
  const options = await registrationOptions(deps, {
    email: user.email,
    displayName: user.display_name,
    handle,
    existing,
  });
  const challengeId = await keepChallenge(deps, deps.db, {
    challenge: options.challenge,
    purpose: 'register',
    userId: user.id,
  });
  return { challengeId, options: options as unknown as Options };
}

export async function addPasskey(
  deps: Deps,
  viewer: Viewer,
  input: { challengeId: string; response: unknown; name: string },
): Promise<PasskeyList> {
  await limitPerson(deps, viewer);
  const row = await useChallenge(deps, input.challengeId, 'register', viewer.userId);
  const passkey = await verifiedPasskey(deps, row.challenge, input.response, input.name);
  await insertPasskey(deps.db, passkey(viewer.userId));
  return listFor(deps.db, viewer.userId);
}

/** Removes a passkey, never the last way in (no password and no other passkey). */
export async function removePasskey(
  deps: Deps,
  viewer: Viewer,
  input: { id: string },
): Promise<PasskeyList> {
  await limitPerson(deps, viewer);
  await deps.db.transaction().execute(async (trx) => {
    const mine = await listFor(trx, viewer.userId);
    if (!mine.items.some((p) => p.id === input.id))
      throw new AppError('not_found', 'That passkey is not on your account.');
    if (!mine.hasPassword && mine.items.length <= 1) {
      throw new AppError(
        'passkey.last',
        'This is your only way to sign in. Add a password or another passkey before removing it.',
      );
    }
    await deletePasskey(trx, viewer.userId, input.id);
  });
  return listFor(deps.db, viewer.userId);
}

// Confirming it is you, for a change that needs it.

export async function confirmOptions(
  deps: Deps,
  viewer: Viewer,
): Promise<{ challengeId: string; options: Options }> {
  await limitPerson(deps, viewer);
  const mine = await listPasskeysOf(deps.db, viewer.userId);
  return assertionCeremony(
    deps,
    'confirm',
    viewer.userId,
    mine.map((p) => p.id),
  );
}

export async function confirmWithPasskey(
  deps: Deps,
  viewer: Viewer,
  input: { challengeId: string; response: unknown },
): Promise<void> {
  await limitPerson(deps, viewer);
  const row = await useChallenge(deps, input.challengeId, 'confirm', viewer.userId);
  await verifyAssertion(deps, row.challenge, input.response, viewer.userId);
  await confirmSession(deps.db, viewer.sessionId, deps.now().toISOString());
}
