import { AppError } from '../../../core/errors';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { setHelped } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { announceThread } from '../../space/threads';

/**
 * The asker marks a reply "this helped" (or takes it back); a question with one is shown as
 * answered.
 */
export async function markHelped(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string; helped: boolean },
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'markHelped');
  if (post.seq === 1 || post.author_id === viewer.userId) {
    throw new AppError('space.not_a_reply', 'Mark the replies that helped you.');
  }
  if (post.deleted_at) {
    throw new AppError('space.post_gone', 'This post was deleted, so it cannot change.');
  }
  if ((post.helped_at !== null) === input.helped) return;
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await setHelped(write.trx, post, input.helped ? write.at : null);
      await announceThread(write, thread);
    },
    { views: 'keep' },
  );
}
