import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson, signUp, type Watched } from './browser';

let server: RunningNode;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-agreement-'));
  [server, browser] = await Promise.all([spawnNode({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function respond(
  person: Watched,
  groupUrl: string,
  summary: string,
  response: 'Agree' | 'Object' | 'Stand aside',
  note?: string,
) {
  const { page } = person;
  await page.goto(`${groupUrl}/agreement`);
  await page.getByRole('link', { name: summary }).first().click();
  await page.getByRole('heading', { level: 1, name: summary }).waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${response}`) }).check();
  if (note)
    await page.getByLabel(response === 'Object' ? 'Your objection' : 'Note (optional)').fill(note);
  await page.getByRole('button', { name: 'Save my response' }).click();
}

it('a three-member group adopts a template, meets an objection, and adopts version 2', async () => {
  const base = server.url;
  const ann = await newPerson(browser, DESKTOP);
  const ben = await newPerson(browser);
  const cal = await newPerson(browser);

  // Ann starts an invite-only group and invites Ben and Cal.
  await signUp(ann.page, `${base}/signup`, 'Ann');
  await ann.page.getByRole('heading', { name: 'My groups' }).waitFor();
  await ann.page.goto(`${base}/groups/new`);
  await ann.page.getByLabel('Group name').fill('Carers together');
  await ann.page.getByLabel(/^Invite only/).check();
  await ann.page.getByRole('button', { name: 'Start the group' }).click();
  await ann.page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = (await ann.page.getByLabel('Your new invitation link').inputValue()).replace(
    /^https?:\/\/[^/]+/,
    base,
  );
  const groupUrl = ann.page.url().split('?')[0] ?? '';
  for (const [person, name] of [
    [ben, 'Ben'],
    [cal, 'Cal'],
  ] as const) {
    await person.page.goto(link);
    await person.page.getByRole('checkbox', { name: /I can commit/ }).check();
    await person.page.getByRole('button', { name: 'Create an account to join' }).click();
    await signUp(person.page, person.page.url(), name);
    await person.page.getByText('You are now a member of this group').waitFor();
  }

  // Ann starts from the peer support template and proposes it.
  await ann.page.goto(groupUrl);
  await ann.page.getByRole('link', { name: 'Our agreement' }).click();
  await ann.page.getByText('This group has not agreed its ground rules yet').waitFor();
  await expect(
    ann.page.getByRole('group', { name: 'Item 1' }).getByLabel('Title').inputValue(),
  ).resolves.toBe('Confidentiality');
  await checkPage(ann, 'agreement-draft');
  await ann.page
    .getByLabel('Why do you propose this?')
    .fill('A starting point we can change together.');
  await ann.page.getByRole('button', { name: 'Propose this agreement to the group' }).click();
  await ann.page.getByRole('heading', { level: 1, name: /Adopt the agreement/ }).waitFor();
  await checkPage(ann, 'proposal-open');

  // Ben sees it in his notifications; Ben stands aside and Cal agrees, and it is adopted.
  await ben.page.goto(`${base}/notifications`);
  await ben.page.getByRole('link', { name: /A new proposal in Carers together/ }).waitFor();
  await checkPage(ben, 'notifications');
  await respond(ben, groupUrl, 'Adopt the agreement (9 items)', 'Stand aside');
  await ben.page.getByText('Your response is saved').waitFor();
  await respond(cal, groupUrl, 'Adopt the agreement (9 items)', 'Agree');
  await cal.page.getByText(/It is now version 1 of the agreement/).waitFor();

  // Ben stood aside, so before he goes on in the group he is asked to accept the agreement.
  // (Cal agreed to it, which is accepting it.)
  await ben.page.goto(groupUrl);
  await ben.page.getByRole('heading', { name: 'Before you go on: our agreement' }).waitFor();
  await checkPage(ben, 'agreement-gate');
  await ben.page.getByRole('button', { name: 'I accept this agreement' }).click();
  await ben.page.getByRole('heading', { name: 'Members' }).waitFor();

  // Ben proposes to change the item on phones.
  await ben.page.getByRole('link', { name: 'Our agreement' }).click();
  await ben.page.getByRole('heading', { name: /Version 1/ }).waitFor();
  await checkPage(ben, 'agreement');
  const phones = ben.page
    .getByRole('listitem')
    .filter({ has: ben.page.getByRole('heading', { name: 'Phones', exact: true }) });
  await phones.getByText('Suggest a change').click();
  await phones.getByRole('button', { name: 'Suggest new wording' }).click();
  await ben.page.getByLabel('What it means').fill('Phones are switched off during the meeting.');
  await ben.page.getByLabel('Why do you propose this?').fill('Fewer distractions.');
  await ben.page.getByRole('button', { name: 'Send the proposal' }).click();
  await ben.page.getByRole('heading', { level: 1, name: 'Change “Phones”' }).waitFor();

  // Cal objects, with a reason; Ann agrees. It stays open.
  await respond(
    cal,
    groupUrl,
    'Change “Phones”',
    'Object',
    'I care for my mum and must be reachable.',
  );
  await cal.page.getByText(/There is an objection/).waitFor();
  await checkPage(cal, 'proposal-objection');
  await respond(ann, groupUrl, 'Change “Phones”', 'Agree');

  // Ben revises to meet the objection: a new round.
  await ben.page.reload();
  await ben.page.getByText(/There is an objection/).waitFor();
  await ben.page.getByRole('button', { name: 'Revise the proposal' }).click();
  await ben.page
    .getByLabel('What it means')
    .fill('Phones are silent and put away, unless someone needs to be reachable and says so.');
  await ben.page.getByLabel('Why do you propose this?').fill('So that Cal can still be reached.');
  await ben.page.getByRole('button', { name: 'Send the revision' }).click();
  await ben.page.getByText('Round 2').first().waitFor();

  // Cal withdraws the objection (agrees now); Ann stands aside; version 2 is adopted.
  await respond(cal, groupUrl, 'Change “Phones”', 'Agree');
  await cal.page.getByText('Your response is saved').waitFor();
  await respond(ann, groupUrl, 'Change “Phones”', 'Stand aside');
  await ann.page.getByText(/It is now version 2 of the agreement/).waitFor();
  await ann.page.getByRole('heading', { name: 'Earlier rounds' }).waitFor();
  await checkPage(ann, 'proposal-adopted');

  // Cal agreed to version 2, so is not asked again; Ann stood aside, so she is asked, and
  // sees what changed since the version she accepted.
  await cal.page.goto(groupUrl);
  await cal.page.getByRole('heading', { name: 'Members' }).waitFor();
  expect(
    await cal.page.getByRole('heading', { name: 'Before you go on: our agreement' }).count(),
  ).toBe(0);
  await ann.page.goto(groupUrl);
  await ann.page.getByRole('heading', { name: 'Before you go on: our agreement' }).waitFor();
  await ann.page.getByRole('heading', { name: 'What changed since you last accepted' }).waitFor();
  await ann.page.locator('ins, del').first().waitFor();
  await ann.page.getByRole('button', { name: 'I accept this agreement' }).click();
  await ann.page.getByRole('heading', { name: 'Members' }).waitFor();
  await checkPage(ann, 'group-after-acknowledging');

  // History shows version 2, with the reason and the change.
  await ann.page.goto(`${groupUrl}/agreement`);
  await ann.page.getByRole('link', { name: 'Version 2' }).click();
  await ann.page.getByText('So that Cal can still be reached.').waitFor();
  await checkPage(ann, 'agreement-version');
  await ann.page.goto(`${groupUrl}/agreement`);
  const who = ann.page.getByRole('region', { name: 'Who has accepted the current version' });
  await expect.poll(() => who.getByText('version 2').count()).toBe(3);
});
