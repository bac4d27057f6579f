import { AppError } from '../../core/errors';
import type { GroupDetail } from '../../core/protocol/api';
import { admitMember } from './admitMember';
import type { Deps, Viewer } from './deps';
import { findVisibleGroup } from './findVisibleGroup';
import { getGroup } from './getGroup';

/** Joins an open group directly, if there is a seat. */
export async function joinGroup(deps: Deps, viewer: Viewer, groupId: string): Promise<GroupDetail> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'non_member') {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  if (visible.group.visibility !== 'open') {
    throw new AppError(
      'forbidden',
      'This group takes new members by invitation from its stewards.',
    );
  }
  await deps.db.transaction().execute((trx) =>
    admitMember(trx, {
      groupId,
      userId: viewer.userId,
      at: deps.now().toISOString(),
    }),
  );
  deps.cache.forgetGroup(groupId);
  return getGroup(deps, viewer.userId, groupId);
}
