import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { markPostDeleted, setHelped } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { announceThread } from '../../space/threads';

/** Deletes one's own post: it keeps its place as "deleted by its author"; its words go. */
export async function deletePost(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string },
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'editOwn');
  if (post.deleted_at) return;
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await markPostDeleted(write.trx, post, write.at);
      if (post.helped_at) await setHelped(write.trx, post, null);
      await announceThread(write, thread);
    },
    { views: 'keep' },
  );
}
