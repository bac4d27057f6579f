/**
 * Every field a member writes in the space, filled with known XSS payloads: what comes back
 * as HTML has only the safe subset's elements, no event handlers and no scripted links; what
 * comes back as text is exactly what was typed (the web app shows it as text).
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_LINK, ALLOWED_TAGS, XSS_PAYLOADS } from '../fixtures/xssPayloads';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();

/** Problems with rendered HTML: unknown tags, attributes other than a link's, unsafe links. */
function unsafe(html: string): string[] {
  const problems: string[] = [];
  for (const [, tag = '', attrs = ''] of html.matchAll(/<\/?([a-zA-Z0-9-]+)([^>]*)>/g)) {
    const name = tag.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag <${name}>`);
    for (const [, attr = '', value = ''] of attrs.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      const a = attr.toLowerCase();
      if (name !== 'a' || !['href', 'rel', 'target', 'title'].includes(a)) {
        problems.push(`attribute ${a} on <${name}>`);
      }
      if (a === 'href' && !ALLOWED_LINK.test(value)) problems.push(`link ${value}`);
    }
  }
  if (/<script/i.test(html)) problems.push('script');
  return problems;
}

describe('the space against XSS', () => {
  it('renders every payload in every field safely, and keeps text as it was typed', async () => {
    const steward = await t.signUp('Stella');
    const member = await t.signUp('Mo');
    const group = (
      await steward.post('/api/groups', { name: 'Safe circle', visibility: 'open' })
    ).json();
    await member.post(`/api/groups/${group.id}/join`, { confirm: true });
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const title = payload.split('\n')[0]?.slice(0, 140) || 'x';
      const made = await member.post(`/api/groups/${group.id}/space/threads`, {
        space: i % 2 ? 'peers' : 'everyone',
        kind: 'share',
        wants: 'listening',
        title,
        body: payload,
        contentNote: title.slice(0, 80),
      });
      expect(made.statusCode, `${payload}: ${made.body}`).toBe(201);
      const { threadId, postId } = made.json();
      const reply = await steward.post(`/api/space/threads/${threadId}/replies`, {
        body: payload,
        quoteId: postId,
      });
      expect(reply.statusCode, payload).toBe(201);
      const report = await steward.post(`/api/space/posts/${postId}/reports`, {
        reason: 'harm',
        note: payload,
      });
      expect(report.statusCode, payload).toBe(201);

      const view = (await steward.get(`/api/space/threads/${threadId}`)).json();
      expect(view.thread.title).toBe(title);
      for (const post of view.posts) {
        expect(unsafe(post.html), `${payload} → ${post.html}`).toEqual([]);
      }
      expect(view.posts[0].contentNote).toBe(title.slice(0, 80));
      const mine = (await member.get(`/api/space/threads/${threadId}`)).json();
      expect(mine.posts[0].source).toBe(payload.trim());
    }
    const reports = (await steward.get(`/api/groups/${group.id}/space/reports`)).json();
    expect(reports.reports).toHaveLength(XSS_PAYLOADS.length);
    for (const r of reports.reports) expect(unsafe(r.post.html)).toEqual([]);

    // The language list is text too.
    const added = await steward.post(`/api/groups/${group.id}/space/language`, {
      problem: '<img src=x onerror=alert(1)>',
      suggestion: '<script>alert(1)</script>',
      why: '[x](javascript:alert(1))',
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().entries[0].suggestion).toBe('<script>alert(1)</script>');
  });

  it('refuses control characters where a line is expected, and NUL anywhere', async () => {
    const steward = await t.signUp('Sol');
    const group = (
      await steward.post('/api/groups', { name: 'Line circle', visibility: 'open' })
    ).json();
    const start = (extra: object) =>
      steward.post(`/api/groups/${group.id}/space/threads`, {
        space: 'everyone',
        kind: 'share',
        wants: 'ideas',
        title: 'Fine',
        body: 'Fine',
        ...extra,
      });
    expect((await start({ title: 'Two\r\nlines' })).statusCode).toBe(400);
    expect((await start({ contentNote: 'grief\nBcc: x' })).statusCode).toBe(400);
    expect((await start({ body: 'nul \u0000 here' })).statusCode).toBe(400);
    expect((await start({ body: 'x'.repeat(10_001) })).statusCode).toBe(400);
    expect((await start({ body: 'Many\nlines\n\nare fine' })).statusCode).toBe(201);
  });
});
