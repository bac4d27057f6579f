import { AppError } from '../../core/errors';
import type { GroupDetail } from '../../core/protocol/api';
import { claimInviteUse } from '../db/queries/invites';
import { findMembership } from '../db/queries/memberships';
import { admitMember } from './admitMember';
import type { Deps, Viewer } from './deps';
import { getGroup } from './getGroup';
import { openInvite } from './openInvite';

/**
 * Joins the group an invitation is for. Accepting twice is harmless: a member who opens
 * their invitation again simply lands in the group. A failed join (the group is full)
 * does not use up the invitation.
 */
export async function acceptInvite(
  deps: Deps,
  viewer: Viewer,
  token: string,
): Promise<GroupDetail> {
  const now = deps.now();
  const groupId = await deps.db.transaction().execute(async (trx) => {
    const invite = await openInvite(trx, token, now);
    if (await findMembership(trx, invite.group_id, viewer.userId)) return invite.group_id;
    if (!(await claimInviteUse(trx, invite.id))) {
      throw new AppError(
        'invite.used_up',
        'This invitation has already been used. Ask for a new one.',
      );
    }
    await admitMember(trx, {
      groupId: invite.group_id,
      userId: viewer.userId,
      at: now.toISOString(),
    });
    return invite.group_id;
  });
  deps.cache.forgetGroup(groupId);
  return getGroup(deps, viewer.userId, groupId);
}
