import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors';
import { findInviteByTokenHash, type InviteWithNames } from '../../db/queries/invites';
import type { Database } from '../../db/tables';
import { sha256 } from '../../security/tokens';

/**
 * Finds an invitation by its token and checks it can still be used: not revoked, not
 * expired, not used up. Each problem has its own plain message.
 */
export async function openInvite(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<InviteWithNames> {
  const invite = await findInviteByTokenHash(db, sha256(token));
  if (!invite) {
    throw new AppError(
      'not_found',
      'This invitation link is not valid. Check that the whole link was copied.',
    );
  }
  if (invite.revoked_at) {
    throw new AppError(
      'invite.revoked',
      'This invitation has been withdrawn. Ask the person who sent it for a new one.',
    );
  }
  if (Date.parse(invite.expires_at) <= now.getTime()) {
    throw new AppError(
      'invite.expired',
      'This invitation has expired. Ask the person who sent it for a new one.',
    );
  }
  if (invite.max_uses !== null && invite.uses >= invite.max_uses) {
    throw new AppError(
      'invite.used_up',
      'This invitation has already been used. Ask for a new one.',
    );
  }
  return invite;
}

/** Whether two email addresses are the same account's (Hearth stores them lower-cased). */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** An address with most of it hidden: `river@example.org` → `r••••@e••••••.org`. */
export function hideAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  const dot = domain.lastIndexOf('.');
  const name = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const hide = (s: string) => (s ? `${s[0]}${'•'.repeat(Math.max(1, s.length - 1))}` : '');
  return `${hide(local)}@${hide(name)}${tld}`;
}
