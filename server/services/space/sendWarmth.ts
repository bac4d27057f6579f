import type { WarmResponse } from '../../../core/domain/space';
import { AppError } from '../../../core/errors';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { setWarmth } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { announceThread } from '../../space/threads';

/** Sends (or takes back) a warm response to a post: "thinking of you", "I hear you"… */
export async function sendWarmth(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string; kind: WarmResponse; on: boolean },
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'write');
  if (post.deleted_at || post.hidden_at) {
    throw new AppError('space.post_gone', 'This post is no longer shown.');
  }
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await setWarmth(
        write.trx,
        { post_id: post.id, user_id: viewer.userId, kind: input.kind, created_at: write.at },
        input.on,
      );
      await announceThread(write, thread);
    },
    { views: 'keep' },
  );
}
