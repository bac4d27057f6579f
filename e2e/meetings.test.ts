import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson, signUp } from './browser';

let server: RunningNode;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-meetings-'));
  [server, browser] = await Promise.all([spawnNode({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('plans six fortnightly meetings, shows the rota, swaps a role, RSVPs, records attendance and downloads the .ics', async () => {
  const base = server.url;
  const ann = await newPerson(browser, DESKTOP);
  const ben = await newPerson(browser);

  await signUp(ann.page, `${base}/signup`, 'Ann');
  await ann.page.getByRole('heading', { name: 'My groups' }).waitFor();
  await ann.page.goto(`${base}/groups/new`);
  await ann.page.getByLabel('Group name').fill('Tuesday circle');
  await ann.page.getByLabel(/^Invite only/).check();
  await ann.page.getByRole('button', { name: 'Start the group' }).click();
  await ann.page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = (await ann.page.getByLabel('Your new invitation link').inputValue()).replace(
    /^https?:\/\/[^/]+/,
    base,
  );
  const groupUrl = ann.page.url().split('?')[0] ?? '';
  await ben.page.goto(link);
  await ben.page.getByRole('checkbox', { name: /I can commit/ }).check();
  await ben.page.getByRole('button', { name: 'Create an account to join' }).click();
  await signUp(ben.page, ben.page.url(), 'Ben');
  await ben.page.getByText('You are now a member of this group').waitFor();

  // Ann plans six fortnightly meetings, starting in a few minutes so attendance can be recorded.
  await ann.page.goto(groupUrl);
  await ann.page.getByRole('link', { name: 'Meetings and roles' }).click();
  await ann.page.getByText('No meetings are planned yet').waitFor();
  const soon = new Date(Date.now() + 10 * 60_000);
  const zone = 'Europe/London';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(soon)
      .map((p) => [p.type, p.value]),
  );
  await ann.page
    .getByLabel('First meeting: date and time')
    .fill(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await ann.page.getByLabel('Time zone the group meets in').selectOption(zone);
  await ann.page.getByRole('radio', { name: 'Every two weeks' }).check();
  await ann.page.getByLabel('Number of meetings').fill('6');
  await ann.page.getByLabel('Venue name').fill('Community hall');
  await ann.page.getByLabel('Address').fill('1 High Street');
  await ann.page.getByLabel('Access notes').fill('Step-free entrance; quiet room on the left.');
  await ann.page.getByRole('button', { name: 'Plan these meetings' }).click();
  await ann.page.getByText('6 meetings planned, with a rota.').waitFor();
  const rows = ann.page.locator('table.rota tbody tr');
  // The rota shows the next three meetings; the rest on request.
  await expect(rows.count()).resolves.toBe(3);
  await ann.page.getByRole('button', { name: 'Show the whole rota (6 meetings)' }).click();
  await expect(rows.count()).resolves.toBe(6);
  // Planned: the form folds away and starts afresh, so pressing again cannot plan twice.
  await ann.page.getByText('Plan more meetings').click();
  expect(await ann.page.getByLabel('First meeting: date and time').inputValue()).toBe('');
  await ann.page.getByRole('button', { name: 'Plan these meetings' }).click();
  await ann.page.getByText('Choose the date and time of the first meeting.').first().waitFor();
  await expect(rows.count()).resolves.toBe(6);
  await checkPage(ann, 'meetings-schedule');

  // Ben opens the first meeting, asks Ann to take one of his roles; Ann accepts.
  await ben.page.goto(ann.page.url());
  await ben.page.locator('.meeting-card a').first().click();
  await ben.page.getByRole('heading', { level: 2, name: 'Roles' }).waitFor();
  await checkPage(ben, 'meeting');
  const meetingUrl = ben.page.url();
  const mine = ben.page.locator('.role-list li', { hasText: '(you)' }).first();
  const role = (await mine.locator('strong').innerText()).trim();
  await mine.getByRole('button', { name: 'Ask someone to swap' }).click();
  await ben.page.getByLabel('Who to ask').selectOption({ label: 'Ann' });
  await ben.page.getByRole('button', { name: 'Ask', exact: true }).click();
  await ben.page.getByText('Asked.').waitFor();

  await ann.page.goto(meetingUrl);
  await ann.page.getByText(`Ben asked Ann to take “${role}”`).waitFor();
  await ann.page.getByRole('button', { name: 'Accept' }).click();
  await ann.page.getByText('Done. Everyone now sees the new roles.').waitFor();
  await ben.page.reload();
  await expect(ben.page.locator('.role-list li', { hasText: role }).innerText()).resolves.toContain(
    'Ann',
  );

  // Ben says he is going, with a note.
  await ben.page.getByRole('radio', { name: 'Going' }).check();
  await ben.page.getByLabel('A note for the group (optional)').fill('Might be five minutes late');
  await ben.page.getByRole('button', { name: 'Save', exact: true }).click();
  await ben.page.getByText('Thanks, the group can see this.').waitFor();

  // Ann, a steward, records who came.
  await ann.page.reload();
  await ann.page.getByRole('heading', { name: 'Who came' }).waitFor();
  await ann.page.getByRole('group', { name: 'Ben' }).getByLabel('Arrived at').fill('19:05');
  await ann.page.getByRole('button', { name: 'Save attendance' }).click();
  await ann.page.getByText('Attendance saved.').waitFor();

  // The .ics opens in an independent parser, in the group's zone.
  const download = ann.page.waitForEvent('download');
  await ann.page.getByRole('link', { name: 'Add to my calendar (.ics)' }).click();
  const file = await (await download).path();
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
  expect(event.summary).toContain('Tuesday circle');
  expect(
    calendar.getFirstSubcomponent('vevent')?.getFirstProperty('dtstart')?.getParameter('tzid'),
  ).toBe(zone);
  expect(event.location).toContain('Community hall');

  await ann.page.goto(`${groupUrl}/commitment`);
  await ann.page.getByRole('heading', { name: 'Attendance over our meetings' }).waitFor();
  await checkPage(ann, 'commitment');
  await ann.page.goto(`${base}/account`);
  await ann.page.getByRole('button', { name: 'Make a calendar address' }).click();
  await expect(ann.page.getByLabel(/Copy this address/).inputValue()).resolves.toMatch(
    /\/api\/calendar\/.+\.ics$/,
  );
  await checkPage(ann, 'account-calendar');
}, 120_000);
