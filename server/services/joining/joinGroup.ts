import { AppError } from '../../../core/errors';
import type { GroupDetail } from '../../../core/protocol/groups';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { admitMember } from '../../membership/admitMember';
import { getGroup } from '../groups/getGroup';
import { refuseWayIn } from './refuseWayIn';

/** Joins an open group directly, if there is a seat; the commitment was confirmed. */
export async function joinGroup(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<GroupDetail> {
  const access = await groupAccess(deps, viewer, input.groupId);
  refuseWayIn(access, 'join');
  authorize(access, 'group.join');
  await withGroupLock(deps, input.groupId, (write) =>
    admitMember(write, { userId: viewer.userId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'group.full') {
        throw new AppError(
          'group.full',
          'This group is full just now. You can join its waitlist, and we will offer you the next free seat.',
        );
      }
      throw error;
    }),
  );
  return getGroup(deps, viewer, input);
}
