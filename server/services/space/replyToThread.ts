import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { replyBody } from '../../../core/protocol/space';
import { requireThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { advanceRead, insertReply, listListeners } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';
import { newPost } from '../../space/newPost';
import { announceThread, loadThread } from '../../space/threads';

/**
 * Replies in a thread (one level: a reply may quote another post of the same thread). The
 * people whose volume says so get a notice in the app (never the words); everyone with the
 * thread open sees it arrive.
 */
export async function replyToThread(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string } & z.output<typeof replyBody>,
): Promise<{ postId: string; seq: number }> {
  const { thread, cached } = await requireThreadAccess(deps, viewer, input.threadId, 'write');
  const quoteId = input.quoteId ?? null;
  if (quoteId) {
    // A thread the cache has not caught up with may not hold the newest posts yet.
    const posts = cached.behind ? ((await loadThread(deps, thread.id))?.posts ?? []) : cached.posts;
    const quoted = posts.find((p) => p.id === quoteId);
    if (!quoted || quoted.deleted_at) {
      throw new AppError('request.invalid', 'You can quote only a post in this thread.', {
        fields: {
          quoteId: { code: 'invalid', message: 'You can quote only a post in this thread.' },
        },
      });
    }
  }
  const postId = newId();
  const seq = await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      const seq = await insertReply(write.trx, thread.id, {
        ...newPost({
          id: postId,
          authorId: viewer.userId,
          body: input.body,
          contentNote: input.contentNote,
          quoteId,
          at: write.at,
        }),
        group_id: thread.group_id,
      });
      await advanceRead(write.trx, viewer.userId, thread.id, seq, write.at);
      const listeners = await listListeners(write.trx, thread, viewer.userId);
      await notify(deps, write.trx, listeners, {
        groupId: thread.group_id,
        kind: 'space.reply',
        subjectId: thread.id,
        at: write.at,
      });
      await announceThread(write, thread, seq, viewer.userId);
      return seq;
    },
    { views: 'keep' },
  );
  return { postId, seq };
}
