import { AppError } from '../../../core/errors';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { setHidden, setSecondLook } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { announceThread } from '../../space/threads';

/**
 * A steward takes the second look: shows the post again, or keeps it hidden. The author is
 * told either way, and it is in the group's record.
 */
export async function reviewHidden(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string; show: boolean },
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'moderate');
  if (!post.hidden_at) throw new AppError('space.not_hidden', 'This post is not hidden.');
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      if (input.show) await setHidden(write.trx, post.id, null);
      // Kept hidden: the question is answered, so it leaves the stewards' list.
      else await setSecondLook(write.trx, post.id, null);
      if (post.author_id) {
        await notify(deps, write.trx, [post.author_id], {
          groupId: thread.group_id,
          kind: 'space.moderated',
          subjectId: thread.id,
          at: write.at,
        });
      }
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: thread.group_id,
        action: input.show ? 'space.post_shown' : 'space.kept_hidden',
        subjectId: post.author_id,
      });
      await announceThread(write, thread);
    },
    { views: 'keep' },
  );
}
