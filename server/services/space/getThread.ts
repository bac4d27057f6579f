import type { ThreadView } from '../../../core/protocol/space';
import { allows } from '../../access/requireGroupAccess';
import { requireThreadAccess, type ThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import type { ThreadForReader } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { toPostViews, toThreadSummary } from './spaceViews';

/**
 * Each reader's page, by the thread as they have it (one object per cached thread and reader's
 * place), frozen: reading it again costs nothing until the thread, the group or the reader's
 * place changes, and it goes when they do.
 */
const pages = new WeakMap<ThreadForReader, Readonly<ThreadView>>();

/**
 * A thread with all its posts, as this reader may see them, and their place before now.
 * Answers at once, without a promise, when everything is cached (most reads).
 */
export function getThread(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string },
): ThreadView | Promise<ThreadView> {
  const access = requireThreadAccess(deps, viewer, input.threadId);
  return access instanceof Promise
    ? access.then((a) => pageFor(a, viewer))
    : pageFor(access, viewer);
}

function pageFor(access: ThreadAccess, viewer: Viewer): Readonly<ThreadView> {
  let view = pages.get(access.thread);
  if (!view) {
    view = Object.freeze(buildView(access, viewer));
    pages.set(access.thread, view);
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
