import { describe, expect, it } from 'vitest';
import type { PostForReader, WarmthRow } from '../../db/queries/space';
import { excerptOf, toPostViews } from './spaceViews';

const post = (over: Partial<PostForReader>): PostForReader => ({
  id: 'p1',
  thread_id: 't',
  group_id: 'g',
  seq: 1,
  author_id: 'ann',
  author_name: 'Ann',
  body: 'My *words*',
  body_html: '<p>My <em>words</em></p>\n',
  content_note: null,
  quote_id: null,
  created_at: '2026-01-01T00:00:00Z',
  edited_at: null,
  deleted_at: null,
  hidden_at: null,
  hidden_note: null,
  second_look_at: null,
  second_look_note: null,
  helped_at: null,
  ...over,
});
const reader = (userId: string, moderates = false) => ({ userId, moderates });

describe('posts as each reader sees them', () => {
  it('keeps a content note with the words, so the page folds them behind it', () => {
    const [view] = toPostViews([post({ content_note: 'grief' })], [], reader('ben'));
    expect(view).toMatchObject({ contentNote: 'grief', html: '<p>My <em>words</em></p>\n' });
  });

  it('never quotes words folded behind a content note, hidden or deleted', () => {
    const quoted = [
      post({ id: 'a', content_note: 'self-harm' }),
      post({ id: 'b', hidden_at: 'x' }),
      post({ id: 'c', deleted_at: 'x', body: '' }),
      post({ id: 'd', body: 'Plain **and** kind' }),
    ];
    const replies = ['a', 'b', 'c', 'd'].map((id, i) =>
      post({ id: `r${i}`, seq: i + 2, quote_id: id }),
    );
    const views = toPostViews(replies, [], reader('ben'), [...quoted, ...replies]);
    expect(views.map((v) => v.quote?.excerpt)).toEqual(['', '', '', 'Plain and kind']);
  });

  it('shows a hidden post, with the stewards’ note, only to its author and the stewards', () => {
    const hidden = post({
      hidden_at: 'x',
      hidden_note: 'Please listen first.',
      second_look_at: 'y',
    });
    const [other] = toPostViews([hidden], [], reader('ben'));
    const [author] = toPostViews([hidden], [], reader('ann'));
    const [steward] = toPostViews([hidden], [], reader('sue', true));
    expect(other).toMatchObject({
      html: null,
      contentNote: null,
      hidden: { note: null, secondLookAsked: false },
    });
    expect(author).toMatchObject({
      source: 'My *words*',
      hidden: { note: 'Please listen first.', secondLookAsked: true },
    });
    expect(steward).toMatchObject({ source: null, hidden: { note: 'Please listen first.' } });
    expect(steward?.html).toContain('words');
  });

  it('keeps a deleted post’s place without its words, and names who sent warmth, never a count', () => {
    const warmth: WarmthRow[] = [
      { post_id: 'p1', user_id: 'ben', kind: 'same_here', display_name: 'Ben' },
      { post_id: 'p1', user_id: 'cal', kind: 'same_here', display_name: 'Cal' },
    ];
    const [live] = toPostViews([post({})], warmth, reader('cal'));
    expect(live?.warmth).toEqual([{ kind: 'same_here', names: ['Ben', 'Cal'], mine: true }]);
    const [gone] = toPostViews(
      [post({ deleted_at: 'x', body: '', body_html: '' })],
      [],
      reader('ann'),
    );
    expect(gone).toMatchObject({ deleted: true, html: null, source: null, authorName: 'Ann' });
  });

  it('makes a short plain excerpt', () => {
    expect(excerptOf('> quoted\n**bold** and `code`')).toBe('quoted bold and code');
    expect(excerptOf('x'.repeat(300))).toHaveLength(160);
  });
});
