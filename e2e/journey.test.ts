import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson } from './browser';

let server: RunningNode;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
  [server, browser] = await Promise.all([
    spawnNode({ DATA_DIR: dataDir, ADMIN_EMAILS: 'ann@example.org' }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('takes two people from sign-up to sharing a group', async () => {
  const base = server.url;
  const ann = await newPerson(browser);
  const { page: a } = ann;

  // Ann arrives and signs up.
  await a.goto(base);
  await expect
    .poll(() => a.getByRole('heading', { level: 1 }).textContent())
    .toBe('Peer support, well run');
  await checkPage(ann, 'welcome');
  await a.getByRole('link', { name: 'Create an account' }).click();
  await a.getByRole('heading', { name: 'Create your account' }).waitFor();
  // Submitting empty shows every problem, in words, without losing anything.
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('alert').waitFor();
  await checkPage(ann, 'signup-errors');
  await a.getByLabel('Email address').fill('ann@example.org');
  await a.getByLabel('Name to show other members').fill('Ann');
  await a.getByLabel('Password', { exact: true }).fill('password');
  await a.getByRole('button', { name: 'Create account' }).click();
  await expect.poll(() => a.getByRole('alert').textContent()).toContain('easy to guess');
  await expect(a.getByLabel('Email address').inputValue()).resolves.toBe('ann@example.org');
  await a.getByLabel('Password', { exact: true }).fill('lantern kettle orchard');
  await a.getByRole('button', { name: 'Create account' }).click();

  // She has no groups yet, and starts one.
  await a.getByRole('heading', { name: 'My groups' }).waitFor();
  await a.getByText('You are not in a group yet').waitFor();
  await checkPage(ann, 'my-groups-empty');
  await a.getByRole('link', { name: 'Start a group' }).click();
  await a.getByRole('heading', { name: 'Start a group' }).waitFor();
  await a.getByLabel('Group name').fill('Parents together');
  await a
    .getByLabel('Purpose (optional)')
    .fill('one two three four five six seven eight nine ten eleven twelve thirteen');
  await a.getByText('13 of 12 words: please shorten it').waitFor();
  await a
    .getByLabel('Purpose (optional)')
    .fill('Support for parents of disabled children, as equals');
  await a.getByText('8 of 12 words').waitFor();
  await a.getByLabel('Description (optional)').fill('We meet every second Tuesday evening.');
  await a.getByLabel(/^Invite only/).check();
  await a.getByLabel('Most people in the group').fill('8');
  await a.getByText(/larger than six/).waitFor();
  await checkPage(ann, 'create-group');
  await a.getByLabel('Most people in the group').fill('6');
  await a.getByRole('button', { name: 'Start the group' }).click();

  // The group page, as its steward sees it.
  await a.getByRole('heading', { level: 1, name: 'Parents together' }).waitFor();
  await a.getByRole('heading', { name: 'Members' }).waitFor();
  // The group page opens on what is happening: the next meeting, what waits, the agreement.
  await a.getByRole('heading', { name: 'What is happening' }).waitFor();
  await a.getByText('No meeting is planned yet.').waitFor();
  await a.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await a.getByLabel('Your new invitation link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{22}$/);
  // On a phone the whole link shows, wrapped, and can be copied in one tap.
  const box = a.getByLabel('Your new invitation link');
  expect(await box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await a.getByRole('button', { name: 'Copy link' }).waitFor();
  await checkPage(ann, 'group-steward');

  // It is under "My groups".
  await a.getByRole('link', { name: 'My groups' }).click();
  await a.getByRole('link', { name: 'Parents together' }).waitFor();
  await checkPage(ann, 'my-groups');

  // Ben opens the link in another browser, signs up through it and lands in the group.
  const ben = await newPerson(browser, DESKTOP);
  const { page: b } = ben;
  await b.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await b.getByText('Ann invited you to join').waitFor();
  await checkPage(ben, 'invite');
  // Before joining he is asked to confirm the commitment; without it, he is reminded.
  await b.getByRole('button', { name: 'Create an account to join' }).click();
  await b.getByText('Please tick the box to confirm the commitment first.').waitFor();
  await b.getByRole('checkbox', { name: /I can commit/ }).check();
  await b.getByRole('button', { name: 'Create an account to join' }).click();
  await b.getByText('You are joining Parents together').waitFor();
  await b.getByLabel('Email address').fill('ben@example.org');
  await b.getByLabel('Name to show other members').fill('Ben');
  await b.getByLabel('Password', { exact: true }).fill('a long walk on a windy day');
  await b.getByRole('button', { name: 'Create account' }).click();
  await b.getByRole('heading', { level: 1, name: 'Parents together' }).waitFor();
  await b.getByText('You are now a member of this group').waitFor();
  const members = b.getByRole('list').filter({ hasText: 'Ann' });
  await expect.poll(() => members.textContent()).toContain('Ben');
  await checkPage(ben, 'group-member');

  // Ann sees Ben too.
  await a.getByRole('link', { name: 'Parents together' }).click();
  await a.getByText('Ben', { exact: true }).waitFor();

  // Ben leaves, after being asked to confirm.
  await b.getByRole('button', { name: 'Leave this group' }).click();
  await b.getByRole('button', { name: 'Yes, leave the group' }).click();
  await b.getByRole('heading', { name: 'My groups' }).waitFor();
  await b.getByText('You are not in a group yet').waitFor();

  // He comes back through the same link, signed in this time, and Ann removes him.
  await b.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await b.getByRole('checkbox', { name: /I can commit/ }).check();
  await b.getByRole('button', { name: 'Join Parents together' }).click();
  await b.getByRole('heading', { level: 1, name: 'Parents together' }).waitFor();
  await a.reload();
  await a.getByRole('button', { name: 'Remove' }).click();
  await a.getByRole('button', { name: 'Yes, remove' }).click();
  await a.getByText('Ben is no longer a member.').waitFor();
  await b.reload();
  await b.getByRole('heading', { name: 'We could not find that page' }).waitFor();
  await checkPage(ben, 'not-found');

  // Ann is now the group's only member: she closes it and stays, with its history to read.
  await a.getByRole('button', { name: 'Close this group' }).click();
  await a.getByRole('button', { name: 'Yes, close the group' }).click();
  await a.getByText('The group is closed.').waitFor();
  await expect(a.getByRole('button', { name: 'Close this group' }).count()).resolves.toBe(0);
  await checkPage(ann, 'group-closed');
  // The group's record says who did what, in words.
  await a.getByRole('link', { name: 'Record' }).click();
  await a.getByRole('heading', { name: 'The group’s record' }).waitFor();
  await a.getByText('Ann started the group.').waitFor();
  await a.getByText('Ann removed Ben from the group.').waitFor();
  await checkPage(ann, 'group-record');

  // Ann's other pages: sessions, directory, settings, help.
  await a.getByRole('link', { name: 'Account' }).click();
  await a.getByText('This device').waitFor();
  await checkPage(ann, 'account');
  await a.getByRole('link', { name: 'Find a group' }).click();
  await a.getByRole('heading', { name: 'Find a group' }).waitFor();
  await a.getByText(/There are no groups to join yet/).waitFor();
  await checkPage(ann, 'directory');
  await a.getByRole('link', { name: 'Settings' }).click();
  await a.getByLabel('Name of this site').fill('Evaluation Exchange');
  await a.getByLabel('Who to ask about privacy').fill('Write to privacy@evaluation.example');
  await a.getByRole('button', { name: 'Save settings' }).click();
  await a.getByText('Settings saved.').waitFor();
  await a.getByRole('link', { name: 'Evaluation Exchange' }).waitFor();
  await checkPage(ann, 'admin');
  // The privacy page, from the footer, names who to ask.
  await a.getByRole('link', { name: 'Privacy' }).click();
  await a.getByRole('heading', { name: 'Your privacy on Evaluation Exchange' }).waitFor();
  await a.getByRole('link', { name: 'privacy@evaluation.example' }).waitFor();
  await checkPage(ann, 'privacy');
  await a.getByRole('link', { name: 'Need support right now?' }).click();
  await a
    .getByText(/not a crisis service/)
    .first()
    .waitFor();
  await checkPage(ann, 'help-now');

  // Ben signs out; signing in works with the keyboard alone.
  await b.goto(`${base}/account`);
  await b.getByRole('button', { name: 'Sign out', exact: true }).click();
  await b.getByRole('heading', { name: 'Peer support, well run' }).waitFor();
  await b.goto(`${base}/signin`);
  await b.getByRole('heading', { name: 'Sign in' }).waitFor();
  await b.keyboard.press('Tab'); // skip link
  for (
    let i = 0;
    i < 10 && !(await b.evaluate(() => document.activeElement?.id === 'email'));
    i++
  ) {
    await b.keyboard.press('Tab');
  }
  await b.keyboard.type('ben@example.org');
  await b.keyboard.press('Tab');
  await b.keyboard.type('a long walk on a windy day');
  await b.keyboard.press('Enter');
  await b.getByRole('heading', { name: 'My groups' }).waitFor();
  await checkPage(ben, 'signed-in-again');
});
