/**
 * Threads and posts as one reader sees them: a deleted post keeps its place without its
 * words; a hidden post's words are for its author and the stewards alone; warm responses
 * are names, never counts.
 */
import { WARM_RESPONSES } from '../../../core/domain/space';
import type { PostView, ThreadSummary } from '../../../core/protocol/space';
import type { PostForReader, ThreadForReader, WarmthRow } from '../../db/queries/space';

const EXCERPT = 160;

/** A short plain-text excerpt of Markdown: enough to recognise a post. */
export function excerptOf(body: string, length = EXCERPT): string {
  const plain = body
    .replace(/^>\s?/gm, '')
    .replace(/[*_`[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
}

export function toThreadSummary(thread: ThreadForReader): ThreadSummary {
  return {
    id: thread.id,
    space: thread.space,
    kind: thread.kind,
    wants: thread.wants,
    title: thread.title,
    authorName: thread.author_name,
    createdAt: thread.created_at,
    lastPostAt: thread.last_post_at,
    replies: thread.reply_count,
    answered: thread.answered === 1,
    unread: thread.volume === 'mute' ? 0 : Math.max(0, thread.last_seq - thread.last_read_seq),
    volume: thread.volume,
  };
}

/** The posts as this reader sees them, with their warm responses and quotes. */
export function toPostViews(
  posts: readonly PostForReader[],
  warmth: readonly WarmthRow[],
  reader: { userId: string; moderates: boolean },
  quoted: readonly PostForReader[] = posts,
): PostView[] {
  const byId = new Map(quoted.map((p) => [p.id, p]));
  return posts.map((post) => {
    const mine = post.author_id === reader.userId;
    const hidden = post.hidden_at !== null && post.deleted_at === null;
    const shown = post.deleted_at === null && (!hidden || mine || reader.moderates);
    const quote = post.quote_id ? byId.get(post.quote_id) : undefined;
    const quoteShown = quote && quote.deleted_at === null && quote.hidden_at === null;
    const sent = warmth.filter((w) => w.post_id === post.id);
    return {
      id: post.id,
      seq: post.seq,
      authorId: post.author_id,
      authorName: post.author_name,
      html: shown ? post.body_html : null,
      source: shown && mine ? post.body : null,
      contentNote: shown ? post.content_note : null,
      quote: post.quote_id
        ? {
            id: post.quote_id,
            authorName: quote?.author_name ?? null,
            excerpt: quoteShown && !quote.content_note ? excerptOf(quote.body) : '',
          }
        : null,
      createdAt: post.created_at,
      editedAt: post.deleted_at ? null : post.edited_at,
      deleted: post.deleted_at !== null,
      hidden: hidden
        ? {
            note: mine || reader.moderates ? post.hidden_note : null,
            secondLookAsked: (mine || reader.moderates) && post.second_look_at !== null,
          }
        : null,
      helped: post.helped_at !== null,
      warmth: WARM_RESPONSES.map((kind) => {
        const of = sent.filter((w) => w.kind === kind);
        return {
          kind,
          names: of.map((w) => w.display_name),
          mine: of.some((w) => w.user_id === reader.userId),
        };
      }).filter((w) => w.names.length > 0),
      mine,
    };
  });
}
