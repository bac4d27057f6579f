import type { JoiningView } from '../../../core/protocol/joining';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { leaveQueue } from '../../membership/leaveQueue';
import { getJoining } from './getJoining';
import { myWaitlistEntry } from './myWaitlistEntry';

/** Leaves the waitlist, or lets an offered seat go to the next person. */
export async function leaveWaitlist(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<JoiningView> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'group.wait');
  await withGroupLock(deps, groupId, async (write) => {
    await leaveQueue(deps, write, await myWaitlistEntry(write, viewer.userId));
  });
  return getJoining(deps, viewer, input);
}
