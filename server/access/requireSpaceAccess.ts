/**
 * The gate for a group's space, a thread in it, or a post. Who may read a thread comes from
 * the one reading rule in SQL (`spaceAccess`, kept with the cached thread as its readers),
 * so a thread the viewer may not read is missing (404) whatever else is true; then the action
 * is decided by the space policy, like every other action, with what the viewer is to the
 * thread or post.
 */
import type { SpaceName } from '../../core/domain/space';
import { AppError } from '../../core/errors';
import { loadGroupSnapshot } from '../cache/groupSnapshot';
import type { CachedPlace, CachedThread } from '../cache/readCache';
import { findPostThreadId, type PostForReader, type ThreadForReader } from '../db/queries/space';
import type { Deps } from '../deps';
import type { SpaceAction } from '../policies/space';
import { loadPlace, loadThread } from '../space/threads';
import {
  allows,
  authorize,
  type GroupAccess,
  groupAccess,
  requireGroupAccess,
} from './requireGroupAccess';
import type { Viewer } from './viewer';

export interface ThreadAccess extends GroupAccess {
  /** The thread with this viewer's place in it. */
  thread: ThreadForReader;
  cached: CachedThread;
}

export interface PostAccess extends ThreadAccess {
  post: PostForReader;
}

/**
 * One of a group's spaces: a space the viewer may not read is missing (404), like a thread
 * in it; then the action is decided.
 */
export async function requireSpace(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  space: SpaceName,
  action: SpaceAction = 'read',
): Promise<GroupAccess> {
  const access = await requireGroupAccess(deps, viewer, groupId, 'space.visit');
  if (!allows(access, 'space.read', { space })) {
    throw new AppError('not_found', 'We could not find that space.');
  }
  authorize(access, `space.${action}`, { space });
  return access;
}

/**
 * The last reading decided for each reader's place in a thread, kept while the place lives
 * (a new place is a new object). Used only while its thread, group and session are the ones
 * it was decided with; anything else decides again.
 */
const decided = new WeakMap<CachedPlace, ThreadAccess>();

const missingThread = () => new AppError('not_found', 'We could not find that thread.');
const missingPost = () => new AppError('not_found', 'We could not find that post.');

/**
 * A thread the viewer may read, and the action decided; 404 for a thread they may not read.
 * Answers at once, without a promise, when everything it needs is cached (most reads).
 */
export function requireThreadAccess(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  action: SpaceAction = 'read',
): ThreadAccess | Promise<ThreadAccess> {
  const decide = (access: ThreadAccess) => {
    // Reading was decided on the way in.
    if (action === 'read') return access;
    const facts = { space: access.thread.space, asker: access.thread.author_id === viewer.userId };
    authorize(access, `space.${action}`, facts);
    return access;
  };
  const cached = deps.cache.getThread(threadId);
  const place = deps.cache.getPlace(viewer.userId, threadId);
  // Writing needs who may read the thread, not its newest posts: a thread the cache has not
  // caught up with answers that as well.
  const current = cached && (!cached.behind || action === 'write');
  if (current && place) {
    const snapshot = loadGroupSnapshot(deps, cached.thread.group_id);
    const known = decided.get(place);
    // The same thread, group and session as last time: the same answer.
    if (known?.cached === cached && known.snapshot === snapshot && known.viewer === viewer) {
      return decide(known);
    }
    const group =
      snapshot instanceof Promise ? snapshot : groupAccess(deps, viewer, cached.thread.group_id);
    if (!(group instanceof Promise)) {
      const access = among(group, viewer, cached, place, missingThread);
      decided.set(place, access);
      return decide(access);
    }
  }
  return readable(deps, viewer, threadId, missingThread, current ? cached : undefined).then(decide);
}

/** A post in a thread the viewer may read, and the action decided with who wrote it. */
export async function requirePostAccess(
  deps: Deps,
  viewer: Viewer,
  postId: string,
  action: SpaceAction,
): Promise<PostAccess> {
  const threadId = await findPostThreadId(deps.db, postId);
  if (!threadId) throw missingPost();
  const access = await readable(deps, viewer, threadId, missingPost);
  const post = access.cached.posts.find((p) => p.id === postId);
  if (!post) throw missingPost();
  const facts = {
    space: access.thread.space,
    author: post.author_id === viewer.userId,
    asker: access.thread.author_id === viewer.userId,
  };
  authorize(access, `space.${action}`, facts);
  return { ...access, post };
}

/** The thread, if the viewer is among its readers; `missing` otherwise. */
async function readable(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  missing: () => AppError,
  known?: CachedThread,
): Promise<ThreadAccess> {
  const cached = known ?? (await loadThread(deps, threadId));
  if (!cached?.readers.has(viewer.userId)) throw missing();
  let access: GroupAccess;
  try {
    access = await groupAccess(deps, viewer, cached.thread.group_id);
  } catch (error) {
    throw error instanceof AppError && error.code === 'not_found' ? missing() : error;
  }
  const place = await loadPlace(deps, viewer.userId, threadId);
  return among(access, viewer, cached, place, missing);
}

/** The viewer among the thread's readers, as the policy agrees; `missing` otherwise. */
function among(
  access: GroupAccess,
  viewer: Viewer,
  cached: CachedThread,
  place: CachedPlace,
  missing: () => AppError,
): ThreadAccess {
  // The policy says the same as the readers: a disagreement is a bug, refused as missing.
  if (
    !cached.readers.has(viewer.userId) ||
    !allows(access, 'space.read', { space: cached.thread.space })
  ) {
    throw missing();
  }
  // Built field by field: spreading the access and the thread cost more than the rest of a read.
  return {
    viewer: access.viewer,
    group: access.group,
    role: access.role,
    invited: access.invited,
    snapshot: access.snapshot,
    cached,
    thread: withPlace(cached.thread, place),
  };
}

const placed = new WeakMap<object, WeakMap<CachedPlace, ThreadForReader>>();

/** The thread with a reader's place in it, made once per thread and place. */
function withPlace(thread: CachedThread['thread'], place: CachedPlace): ThreadForReader {
  let byPlace = placed.get(thread);
  if (!byPlace) {
    byPlace = new WeakMap();
    placed.set(thread, byPlace);
  }
  let made = byPlace.get(place);
  if (!made) {
    made = { ...thread, last_read_seq: place.last_read_seq, volume: place.volume };
    byPlace.set(place, made);
  }
  return made;
}
