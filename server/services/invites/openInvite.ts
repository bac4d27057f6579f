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
