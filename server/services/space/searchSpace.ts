import { ftsQuery, searchWords } from '../../../core/domain/space';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { searchPosts } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { excerptOf } from './spaceViews';

/** Searches the posts of the group this person may read; a folded post shows no excerpt. */
export async function searchSpace(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; q: string },
) {
  await requireGroupAccess(deps, viewer, input.groupId, 'space.visit');
  const fts = ftsQuery(input.q);
  if (!fts) return { items: [] };
  const words = searchWords(input.q);
  const hits = await searchPosts(deps.db, viewer.userId, input.groupId, { fts, words });
  return {
    items: hits.map((h) => ({
      postId: h.post_id,
      threadId: h.thread_id,
      title: h.title,
      space: h.space,
      authorName: h.author_name,
      excerpt: h.content_note ? '' : excerptOf(h.body),
      contentNote: h.content_note,
      createdAt: h.created_at,
    })),
  };
}
