import type { ThreadView } from '../../../core/protocol/space';
import { allows } from '../../access/requireGroupAccess';
import { requireThreadAccess, type ThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { toPostViews, toThreadSummary } from './spaceViews';

/** How many readers' pages one cached thread keeps. */
const VIEWS_PER_THREAD = 200;

/**
 * A thread with all its posts, as this reader may see them, and their place before now.
 * The page is kept with the cached thread, per reader and place, and frozen, so reading it
 * again costs nothing until the thread, the group or the reader's place changes.
 */
export async function getThread(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string },
): Promise<ThreadView> {
  const access = await requireThreadAccess(deps, viewer, input.threadId);
  const { thread, cached } = access;
  const key = `${viewer.userId}:${thread.last_read_seq}:${thread.volume}`;
  let view = cached.views.get(key);
  if (!view) {
    view = Object.freeze(buildView(access, viewer));
    if (cached.views.size >= VIEWS_PER_THREAD) cached.views.clear();
    cached.views.set(key, view);
  }
  return view;
}

function buildView(access: ThreadAccess, viewer: Viewer): ThreadView {
  const { thread, cached } = access;
  const space = { space: thread.space };
  const moderate = allows(access, 'space.moderate');
  return {
    groupId: thread.group_id,
    groupName: access.group.name,
    thread: { ...toThreadSummary(thread), authorId: thread.author_id, lastSeq: thread.last_seq },
    posts: toPostViews(cached.posts, cached.warmth, { userId: viewer.userId, moderates: moderate }),
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
  const { cached, thread } = access;
  const posts = cached.posts.filter((p) => p.seq > input.after);
  return {
    // Quotes may reach back to any earlier post of the thread.
    posts: toPostViews(
      posts,
      cached.warmth,
      { userId: viewer.userId, moderates: allows(access, 'space.moderate') },
      cached.posts,
    ),
    lastSeq: thread.last_seq,
  };
}
