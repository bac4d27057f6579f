/**
 * Passkeys (WebAuthn, through @simplewebauthn/server): who Hearth is to an authenticator
 * (its relying party: the public address's host and origin), and the ceremonies' challenges,
 * kept in the database with an expiry and used once, so any node can finish a ceremony.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import { insertChallenge, takeChallenge } from '../db/queries/passkeys';
import type { ChallengePurpose, Database } from '../db/tables';
import type { Deps } from '../deps';
import { newId } from '../security/tokens';

/** How long a person has to answer their authenticator. */
export const CEREMONY_MINUTES = 5;
/** How long a passkey confirmation stands for a sensitive change. */
export const CONFIRMED_MINUTES = 5;

export function relyingParty(deps: Deps): { rpID: string; origin: string; rpName: string } {
  const url = new URL(deps.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Hearth' };
}

/** A new person's handle for authenticators: 32 random bytes, nothing that identifies them. */
export function newPasskeyHandle(): string {
  return randomBytes(32).toString('base64url');
}

export async function keepChallenge(
  deps: Deps,
  db: Kysely<Database>,
  ceremony: {
    challenge: string;
    purpose: ChallengePurpose;
    userId: string | null;
    payload?: unknown;
  },
): Promise<string> {
  const id = newId();
  await insertChallenge(db, {
    id,
    challenge: ceremony.challenge,
    purpose: ceremony.purpose,
    user_id: ceremony.userId,
    payload: ceremony.payload === undefined ? null : JSON.stringify(ceremony.payload),
    expires_at: new Date(deps.now().getTime() + CEREMONY_MINUTES * 60_000).toISOString(),
  });
  return id;
}

export const passkeyFailed = () =>
  new AppError(
    'auth.passkey_failed',
    'That passkey did not work here. Try again, or use another way to sign in.',
  );

/** The challenge of a ceremony, once; `auth.passkey_failed` when it is gone or expired. */
export async function useChallenge(
  deps: Deps,
  id: string,
  purpose: ChallengePurpose,
  userId: string | null,
) {
  const row = await takeChallenge(deps.db, id, purpose, deps.now().toISOString());
  if (!row || (userId !== null && row.user_id !== userId)) throw passkeyFailed();
  return row;
}
