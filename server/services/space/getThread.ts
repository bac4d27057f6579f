import type { ThreadView } from '../../../core/protocol/space';
import { allows } from '../../access/requireGroupAccess';
import { requireThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { listPosts } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { toPostViews, toThreadSummary } from './spaceViews';

/** A thread with all its posts, as this reader may see them, and their place before now. */
export async function getThread(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string },
): Promise<ThreadView> {
  const access = await requireThreadAccess(deps, viewer, input.threadId);
  const { thread } = access;
  const posts = await listPosts(deps.db, thread.id);
  const space = { space: thread.space };
  const moderate = allows(access, 'space.moderate');
  return {
    groupId: thread.group_id,
    groupName: access.group.name,
    thread: { ...toThreadSummary(thread), authorId: thread.author_id, lastSeq: thread.last_seq },
    posts: await toPostViews(deps, posts, { userId: viewer.userId, moderates: moderate }),
    readSeq: thread.last_read_seq,
    language: access.group.language,
    can: {
      write: allows(access, 'space.write', space),
      moderate,
      manageLanguage: allows(access, 'space.manageLanguage'),
      peers: allows(access, 'space.read', { space: 'peers' }),
      markHelped: allows(access, 'space.markHelped', {
        ...space,
        asker: thread.author_id === viewer.userId,
      }),
    },
  };
}

/** The posts after `after` (what a live notice says is new), as this reader may see them. */
export async function getPostsAfter(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string; after: number },
): Promise<{ posts: ThreadView['posts']; lastSeq: number }> {
  const access = await requireThreadAccess(deps, viewer, input.threadId);
  const posts = await listPosts(deps.db, access.thread.id, input.after);
  const quotedIds = posts.map((p) => p.quote_id).filter((id): id is string => id !== null);
  // Quotes reach back to earlier posts; those are read only when a new post quotes one.
  const quoted = quotedIds.some((id) => !posts.some((p) => p.id === id))
    ? await listPosts(deps.db, access.thread.id)
    : posts;
  return {
    posts: await toPostViews(
      deps,
      posts,
      { userId: viewer.userId, moderates: allows(access, 'space.moderate') },
      quoted,
    ),
    lastSeq: access.thread.last_seq,
  };
}
