import type { z } from 'zod';
import type { startThreadBody } from '../../../core/protocol/space';
import { requireSpace } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { advanceRead, insertThread } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { newId } from '../../security/tokens';
import { newPost } from '../../space/newPost';
import { announceThread } from '../../space/threads';

/** Starts a thread (a share or a question) with its opening post; everyone reading hears. */
export async function startThread(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof startThreadBody>,
): Promise<{ threadId: string; postId: string }> {
  await requireSpace(deps, viewer, input.groupId, input.space, 'write');
  const threadId = newId();
  const postId = newId();
  await withGroupLock(
    deps,
    input.groupId,
    async (write) => {
      await insertThread(
        write.trx,
        {
          id: threadId,
          group_id: input.groupId,
          space: input.space,
          kind: input.kind,
          wants: input.wants,
          title: input.title,
          author_id: viewer.userId,
          created_at: write.at,
          last_seq: 1,
          last_post_at: write.at,
        },
        newPost({
          id: postId,
          authorId: viewer.userId,
          body: input.body,
          contentNote: input.contentNote,
          quoteId: null,
          at: write.at,
        }),
      );
      await advanceRead(write.trx, viewer.userId, threadId, 1, write.at);
      await announceThread(
        write,
        { id: threadId, group_id: input.groupId, space: input.space },
        1,
        viewer.userId,
      );
    },
    { views: 'keep' },
  );
  return { threadId, postId };
}
