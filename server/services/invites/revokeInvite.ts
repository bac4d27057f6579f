import { AppError } from '../../../core/errors';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { revokeInvite as markRevoked } from '../../db/queries/invites';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';

/** Stops an invitation link from working; stewards only. */
export async function revokeInvite(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; inviteId: string },
): Promise<void> {
  await requireGroupAccess(deps, viewer, input.groupId, 'group.manageInvites');
  await withGroupLock(
    deps,
    input.groupId,
    async ({ trx, groupId, at }) => {
      if (!(await markRevoked(trx, groupId, input.inviteId, at))) {
        throw new AppError('not_found', 'That invitation does not exist or was already revoked.');
      }
      await recordAudit(trx, {
        at,
        actorId: viewer.userId,
        groupId,
        action: 'invite.revoked',
        subjectId: input.inviteId,
      });
    },
    { adjourned: 'allow' },
  );
}
