/**
 * The gate for a thread or a post in a group's space. The thread is read through the one
 * reading rule in SQL (`findReadableThread`, built on `spaceAccess`), so a thread the viewer
 * may not read is missing (404) whatever else is true; then the action is decided by the
 * space policy, like every other action, with what the viewer is to the thread or post.
 */

import type { SpaceName } from '../../core/domain/space';
import { AppError } from '../../core/errors';
import { findPostPlace, findReadableThread, type ThreadForReader } from '../db/queries/space';
import type { Deps } from '../deps';
import type { SpaceAction } from '../policies/space';
import {
  allows,
  authorize,
  type GroupAccess,
  groupAccess,
  requireGroupAccess,
} from './requireGroupAccess';
import type { Viewer } from './viewer';

export interface ThreadAccess extends GroupAccess {
  thread: ThreadForReader;
}

export type PostPlace = NonNullable<Awaited<ReturnType<typeof findPostPlace>>>;

export interface PostAccess extends ThreadAccess {
  post: PostPlace;
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

const missingThread = () => new AppError('not_found', 'We could not find that thread.');
const missingPost = () => new AppError('not_found', 'We could not find that post.');

/** A thread the viewer may read, and the action decided; 404 for a thread they may not read. */
export async function requireThreadAccess(
  deps: Deps,
  viewer: Viewer,
  threadId: string,
  action: SpaceAction = 'read',
): Promise<ThreadAccess> {
  const thread = await findReadableThread(deps.db, viewer.userId, threadId);
  if (!thread) throw missingThread();
  const access = await withinGroup(deps, viewer, thread.group_id, missingThread);
  const facts = { space: thread.space, asker: thread.author_id === viewer.userId };
  authorize(access, 'space.read', facts);
  authorize(access, `space.${action}`, facts);
  return { ...access, thread };
}

/** A post in a thread the viewer may read, and the action decided with who wrote it. */
export async function requirePostAccess(
  deps: Deps,
  viewer: Viewer,
  postId: string,
  action: SpaceAction,
): Promise<PostAccess> {
  const post = await findPostPlace(deps.db, postId);
  if (!post) throw missingPost();
  const thread = await findReadableThread(deps.db, viewer.userId, post.thread_id);
  if (!thread) throw missingPost();
  const access = await withinGroup(deps, viewer, thread.group_id, missingPost);
  const facts = {
    space: thread.space,
    author: post.author_id === viewer.userId,
    asker: thread.author_id === viewer.userId,
  };
  authorize(access, 'space.read', facts);
  authorize(access, `space.${action}`, facts);
  return { ...access, thread, post };
}

async function withinGroup(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  missing: () => AppError,
): Promise<GroupAccess> {
  try {
    return await groupAccess(deps, viewer, groupId);
  } catch (error) {
    throw error instanceof AppError && error.code === 'not_found' ? missing() : error;
  }
}
