import type { PostRow } from '../db/queries/space';
import { renderMarkdown } from './markdown';

/** A post as it is first written: its words rendered, nothing yet edited, hidden or marked. */
export function newPost(post: {
  id: string;
  authorId: string;
  body: string;
  contentNote: string | null;
  quoteId: string | null;
  at: string;
}): Omit<PostRow, 'seq' | 'thread_id' | 'group_id'> {
  return {
    id: post.id,
    author_id: post.authorId,
    body: post.body,
    body_html: renderMarkdown(post.body),
    content_note: post.contentNote,
    quote_id: post.quoteId,
    created_at: post.at,
    edited_at: null,
    deleted_at: null,
    hidden_at: null,
    hidden_note: null,
    second_look_at: null,
    second_look_note: null,
    helped_at: null,
  };
}
