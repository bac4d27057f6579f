import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ALLOWED_TAGS, XSS_PAYLOADS } from '../test/fixtures/xssPayloads';
import { call } from '../test/helpers/liveSeed';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson, type Watched } from './browser';

let server: RunningNode;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-space-'));
  [server, browser] = await Promise.all([spawnNode({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Ann (a steward) and Ben (a member) in one group, each signed in at their own browser. */
async function twoInAGroup(
  tag = 'space',
): Promise<{ groupId: string; ann: Watched; ben: Watched }> {
  const base = server.url;
  const cookies: string[] = [];
  for (const name of ['Ann', 'Ben']) {
    const signup = await call(base, 'POST', '/api/auth/signup', {
      email: `${name.toLowerCase()}.${tag}@example.org`,
      password: `${name} by the quiet river`,
      displayName: name,
    });
    if (!signup.cookie) throw new Error(`sign-up ${signup.status}`);
    cookies.push(signup.cookie);
  }
  const [annCookie, benCookie] = cookies as [string, string];
  const group = await call(
    base,
    'POST',
    '/api/groups',
    { name: 'Carers circle', visibility: 'invite_only' },
    annCookie,
  );
  const invite = await call(base, 'POST', `/api/groups/${group.json.id}/invites`, {}, annCookie);
  await call(
    base,
    'POST',
    `/api/invites/${invite.json.token}/accept`,
    { confirm: true },
    benCookie,
  );
  const people: Watched[] = [];
  for (const [i, cookie] of cookies.entries()) {
    const person = await newPerson(browser, i === 1 ? DESKTOP : undefined);
    const [name, value] = cookie.split('=') as [string, string];
    await person.context.addCookies([{ name, value, url: `${base}/` }]);
    people.push(person);
  }
  return { groupId: group.json.id, ann: people[0] as Watched, ben: people[1] as Watched };
}

it('asks for ideas, gets a reply live, and marks it helpful; shares wanting to be heard, with a content note', async () => {
  const { groupId, ann, ben } = await twoInAGroup();
  const a = ann.page;
  const b = ben.page;

  // Ann finds the space from her group's page, on her phone.
  await a.goto(`${server.url}/groups/${groupId}`);
  await a.getByRole('link', { name: 'Between meetings' }).click();
  await a.getByRole('heading', { level: 1, name: 'Between meetings' }).waitFor();
  await a.getByText('Nothing here yet').waitFor();
  await checkPage(ann, 'space-empty');

  // A question, wanting ideas.
  await a.getByRole('link', { name: 'Start a thread' }).click();
  await a.getByRole('heading', { name: 'Start a thread' }).waitFor();
  await a.getByRole('button', { name: 'Post' }).click();
  await a.getByText('Say what you would like back.').first().waitFor();
  await checkPage(ann, 'space-new-errors');
  await a.getByLabel(/^Question/).check();
  await a.getByLabel(/^Ideas and experiences/).check();
  await a.getByLabel('Title').fill('Sleeping when you are on call at night');
  await a
    .getByLabel('What you would like to say')
    .fill('My dad suffers from dementia and wakes at 3. How do you **all** get any sleep?');
  // A gentle suggestion, never a block: she uses it.
  await a.getByText('Instead of “suffers from”').waitFor();
  await checkPage(ann, 'space-new-suggestion');
  await a.getByRole('button', { name: 'Use this' }).click();
  await expect(a.getByLabel('What you would like to say').inputValue()).resolves.toContain(
    'My dad lives with dementia',
  );
  await a.getByRole('button', { name: 'Post' }).click();
  await a
    .getByRole('heading', { level: 1, name: 'Sleeping when you are on call at night' })
    .waitFor();
  await a.locator('.post-body strong', { hasText: 'all' }).waitFor();
  const threadUrl = a.url();

  // Ben opens it on his desktop and replies; Ann sees it arrive without reloading.
  await b.goto(`${server.url}/groups/${groupId}/space`);
  await b.getByRole('link', { name: 'Sleeping when you are on call at night' }).waitFor();
  await checkPage(ben, 'space-list');
  await b.getByRole('link', { name: 'Sleeping when you are on call at night' }).click();
  await b.getByText('Ann would like ideas and experiences.').waitFor();
  await b
    .getByLabel('Your reply')
    .fill('A white-noise machine helped me, and a rota with my sister.');
  await b.getByRole('button', { name: 'Send reply' }).click();
  await b.getByText('Your reply is posted.').waitFor();
  await a.getByText('A white-noise machine helped me').waitFor();
  await a.getByText('A new reply from Ben.').first().waitFor();
  expect(a.url()).toBe(threadUrl);

  // Ann marks it helpful: the question shows as answered.
  await a.getByRole('button', { name: 'This helped me' }).click();
  await a.getByText('Answered').waitFor();
  await a.getByRole('button', { name: 'Thinking of you' }).click();
  await a.getByText('Thinking of you: Ann').waitFor();
  await checkPage(ann, 'space-thread-answered');

  // A share wanting only to be heard, folded behind a content note.
  await a.goto(`${server.url}/groups/${groupId}/space/new`);
  await a.getByLabel(/^Share/).check();
  await a.getByLabel(/^Just listening/).check();
  await a.getByLabel('Title').fill('A hard night');
  await a
    .getByLabel('What you would like to say')
    .fill('Dad did not know me tonight. I just need to say it.');
  await a.getByLabel('Content note (optional)').fill('grief');
  await a.getByRole('button', { name: 'Post' }).click();
  await a.getByRole('heading', { level: 1, name: 'A hard night' }).waitFor();

  await b.goto(`${server.url}/groups/${groupId}/space`);
  await b.getByRole('link', { name: 'A hard night' }).click();
  // Folded until Ben chooses to open it.
  const fold = b.getByText('Content note: grief. Open when you are ready.');
  await fold.waitFor();
  await expect(b.getByText('Dad did not know me tonight').isVisible()).resolves.toBe(false);
  await fold.click();
  await b.getByText('Dad did not know me tonight').waitFor();
  // The reply box says what Ann asked for, and notices advice.
  await b.getByText('Ann asked to be heard: just listening.').waitFor();
  await b.getByLabel('Your reply').fill('You should get more help at night.');
  await b.getByText('“You should” can sound like advice').waitFor();
  await checkPage(ben, 'space-reply-listening');
  // Words that suggest risk show where help is, and still let him post.
  await b.getByLabel('Your reply').fill('I am here with you. Some nights I want to die too.');
  await b.getByRole('button', { name: 'Send reply' }).click();
  await b.getByRole('heading', { name: 'Before you post' }).waitFor();
  await checkPage(ben, 'space-crisis-check');
  await b.getByRole('button', { name: 'Post it' }).click();
  await b.getByText('Your reply is posted.').waitFor();
  await a.getByText('Some nights I want to die too').waitFor();
  await checkPage(ann, 'space-thread-listening');

  // Ann reports Ben's reply as a risk of harm: she is shown where help is at once.
  await a.getByRole('button', { name: 'Report' }).last().click();
  await a.getByLabel('Someone may be at risk of harm').check();
  await a.getByText('Thank you for looking out for them.').waitFor();
  await checkPage(ann, 'space-report');
  await a.getByRole('button', { name: 'Send to the stewards' }).click();
  await a.getByText('The group’s stewards will look at it.').waitFor();
  // As the group's steward she looks after the space, and keeps the post.
  await a.goto(`${server.url}/groups/${groupId}/space/care`);
  await a.getByRole('heading', { level: 1, name: 'Looking after the space' }).waitFor();
  await a.getByText('Someone may be at risk of harm').first().waitFor();
  await checkPage(ann, 'space-care');
  await a.getByRole('button', { name: 'Keep it' }).click();
  await a.getByText('No reports to look at.').waitFor();
});

it('shows every known XSS payload as harmless text or safe links', async () => {
  const { groupId, ann, ben } = await twoInAGroup('xss');
  const b = ben.page;
  const dialogs: string[] = [];
  b.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const cookie = (await ann.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const made = await call(
    server.url,
    'POST',
    `/api/groups/${groupId}/space/threads`,
    {
      space: 'everyone',
      kind: 'share',
      wants: 'ideas',
      title: '<img src=x onerror=alert(1)>',
      body: XSS_PAYLOADS.join('\n\n'),
      contentNote: null,
    },
    cookie,
  );
  expect(made.status).toBe(201);
  for (const payload of XSS_PAYLOADS) {
    await call(
      server.url,
      'POST',
      `/api/space/threads/${made.json.threadId}/replies`,
      { body: payload },
      cookie,
    );
  }
  await b.goto(`${server.url}/space/threads/${made.json.threadId}`);
  await b.getByRole('heading', { level: 1, name: '<img src=x onerror=alert(1)>' }).waitFor();
  await b.locator('article.post').nth(XSS_PAYLOADS.length).waitFor();
  const found = await b.evaluate(
    ({ allowed }) => {
      const problems: string[] = [];
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          if (attr.startsWith('on')) problems.push(`${el.tagName} ${attr}`);
        }
      }
      for (const el of document.querySelectorAll('.post-body *')) {
        if (!allowed.includes(el.tagName.toLowerCase())) problems.push(`<${el.tagName}> in a post`);
      }
      for (const a of document.querySelectorAll('a[href]')) {
        const href = (a as HTMLAnchorElement).href;
        if (!/^(https?:|mailto:)/.test(href)) problems.push(`link ${href}`);
      }
      for (const s of document.querySelectorAll('script')) {
        if (!s.getAttribute('src')?.startsWith('/assets/')) problems.push('a script');
      }
      return problems;
    },
    { allowed: [...ALLOWED_TAGS] },
  );
  expect(found).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(ben.problems).toEqual([]);
});

it('shows someone in a staff role the shared space and never the members-only one', async () => {
  const { groupId, ann } = await twoInAGroup('staff');
  const base = server.url;
  const annCookie = (await ann.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const invite = await call(
    base,
    'POST',
    `/api/groups/${groupId}/invites`,
    { role: 'facilitator' },
    annCookie,
  );
  const signup = await call(base, 'POST', '/api/auth/signup', {
    email: 'fran.staff@example.org',
    password: 'Fran by the quiet river',
    displayName: 'Fran',
  });
  const fran = await newPerson(browser, DESKTOP);
  const [name, value] = (signup.cookie ?? '').split('=') as [string, string];
  await fran.context.addCookies([{ name, value, url: `${base}/` }]);
  const f = fran.page;
  await f.goto(`${base}/invite/${invite.json.token}`);
  await f
    .getByText('You are invited to work with this group as its external facilitator.')
    .waitFor();
  await checkPage(fran, 'invite-staff');
  await f.getByRole('button', { name: 'Accept and work with Carers circle' }).click();
  await f.getByText('You work with this group as its external facilitator.').waitFor();
  await checkPage(fran, 'group-staff');
  await f.getByRole('link', { name: 'Between meetings' }).click();
  await f.getByRole('heading', { level: 1, name: 'Between meetings' }).waitFor();
  await f
    .getByText('and so can the people who work with it: Fran (external facilitator)')
    .waitFor();
  await expect(f.getByRole('link', { name: 'Members only' }).count()).resolves.toBe(0);
  await f.goto(`${base}/groups/${groupId}/space?space=peers`);
  await f
    .getByText(/could not find/i)
    .first()
    .waitFor();
});
