import { AppError } from '../../core/errors';
import { revokeInvite } from '../db/queries/invites';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';
import { recordAudit } from './recordAudit';

/** Stops an invitation link from working; stewards only. */
export async function revokeInvitation(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  inviteId: string,
): Promise<void> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'manageInvites', 'Only the group’s stewards can revoke invitations.');
  const now = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeInvite(trx, groupId, inviteId, now))) {
      throw new AppError('not_found', 'That invitation does not exist or was already revoked.');
    }
    await recordAudit(trx, {
      at: now,
      actorId: viewer.userId,
      groupId,
      action: 'invite.revoked',
      subjectId: inviteId,
    });
  });
}
