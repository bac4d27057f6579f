import { AppError } from '../../../core/errors';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { setSecondLook } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { membersOf, notify } from '../../notifications/notify';
import { announceThread } from '../../space/threads';

/** The author of a hidden post asks the stewards to look at it again. */
export async function askSecondLook(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string; note?: string | undefined },
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'editOwn');
  if (!post.hidden_at || post.deleted_at) {
    throw new AppError('space.not_hidden', 'This post is not hidden.');
  }
  if (post.second_look_at) return;
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await setSecondLook(write.trx, post.id, { at: write.at, note: input.note || null });
      const { stewards } = await membersOf(write.trx, thread.group_id);
      await notify(deps, write.trx, stewards, {
        groupId: thread.group_id,
        kind: 'space.report',
        subjectId: post.id,
        at: write.at,
      });
      await announceThread(write, thread);
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: thread.group_id,
        action: 'space.second_look',
        subjectId: viewer.userId,
      });
    },
    { views: 'keep' },
  );
}
