import type { z } from 'zod';
import type { startThreadBody } from '../../../core/protocol/space';
import { requireSpace } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { advanceRead, insertThread } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { newId } from '../../security/tokens';
import { renderMarkdown } from '../../space/markdown';

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
        {
          id: postId,
          author_id: viewer.userId,
          body: input.body,
          body_html: renderMarkdown(input.body),
          content_note: input.contentNote,
          quote_id: null,
          created_at: write.at,
          edited_at: null,
          deleted_at: null,
          hidden_at: null,
          hidden_note: null,
          second_look_at: null,
          second_look_note: null,
          helped_at: null,
        },
      );
      await advanceRead(write.trx, viewer.userId, threadId, 1, write.at);
      await write.announce({ kind: 'place', userId: viewer.userId, threadId });
      await write.announce({
        kind: 'space',
        groupId: input.groupId,
        space: input.space,
        threadId,
        seq: 1,
      });
    },
    { views: 'keep' },
  );
  return { threadId, postId };
}
