import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { editPostBody } from '../../../core/protocol/space';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { updatePostBody } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { renderMarkdown } from '../../space/markdown';
import { announceThread } from '../../space/threads';

const gone = () => new AppError('space.post_gone', 'This post was deleted, so it cannot change.');

/** Changes one's own post; what it said before stays in its history, which only they see. */
export async function editPost(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string } & z.output<typeof editPostBody>,
): Promise<void> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'editOwn');
  if (post.deleted_at) throw gone();
  // The title belongs to the opening post.
  const title = post.seq === 1 && input.title !== undefined ? input.title : undefined;
  const same =
    post.body === input.body &&
    post.content_note === input.contentNote &&
    (title === undefined || title === thread.title);
  if (same) return;
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await updatePostBody(
        write.trx,
        post,
        {
          body: input.body,
          body_html: renderMarkdown(input.body),
          content_note: input.contentNote,
          at: write.at,
        },
        { body: post.body, content_note: post.content_note },
        title,
      );
      await announceThread(write, thread);
    },
    { views: 'keep' },
  );
}
