import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { replyBody } from '../../../core/protocol/space';
import { requireThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { listUnreadAbout } from '../../db/queries/notifications';
import { advanceRead, insertReply, listListeners } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';
import { newPost } from '../../space/newPost';
import { announceThread } from '../../space/threads';

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
    const quoted = cached.posts.find((p) => p.id === quoteId);
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
      await write.announce({ kind: 'place', userId: viewer.userId, threadId: thread.id });
      // One unread notice per thread is enough: a busy thread does not pile them up.
      const listeners = await listListeners(write.trx, thread, viewer.userId);
      const told = await listUnreadAbout(write.trx, listeners, 'space.reply', thread.id);
      await notify(
        deps,
        write.trx,
        listeners.filter((id) => !told.has(id)),
        {
          groupId: thread.group_id,
          kind: 'space.reply',
          subjectId: thread.id,
          at: write.at,
        },
      );
      await announceThread(write, thread, seq);
      return seq;
    },
    { views: 'keep' },
  );
  return { postId, seq };
}
