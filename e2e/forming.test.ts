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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-forming-'));
  [server, browser] = await Promise.all([spawnNode({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function startGroup(person: Watched, name: string, visibility: RegExp) {
  const { page } = person;
  await page.goto(`${server.url}/groups/new`);
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel(visibility).check();
  await page.getByRole('button', { name: 'Start the group' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return page.url().split('?')[0] ?? '';
}

it('members answer what the group is for, the steward drafts from what they share, and the group agrees', async () => {
  const ann = await newPerson(browser, DESKTOP);
  const ben = await newPerson(browser);
  const cal = await newPerson(browser);
  await signUp(ann.page, `${server.url}/signup`, 'Ann');
  await ann.page.getByRole('heading', { name: 'My groups' }).waitFor();
  const groupUrl = await startGroup(ann, 'New parents circle', /^Invite only/);
  await ann.page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = (await ann.page.getByLabel('Your new invitation link').inputValue()).replace(
    /^https?:\/\/[^/]+/,
    server.url,
  );
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

  // Ann asks the members what they think the group is for.
  await ann.page.goto(groupUrl);
  await ann.page.getByRole('link', { name: 'Our purpose' }).click();
  await ann.page.getByText('The group has not agreed its purpose yet.').waitFor();
  await ann.page.getByRole('button', { name: 'Ask members what the purpose is' }).click();
  await ann.page.getByText(/Members were asked on/).waitFor();

  // Ben and Cal hear about it and answer in their own words.
  for (const [person, answer] of [
    [ben, 'Peer support for new parents who feel alone'],
    [cal, 'Somewhere new parents find peer support and sleep tips'],
  ] as const) {
    await person.page.goto(`${server.url}/notifications`);
    await person.page.getByRole('link', { name: /would like to know what you think/ }).click();
    await person.page.getByLabel('In your own words').fill(answer);
    await person.page.getByRole('button', { name: 'Save my answer' }).click();
    await person.page.getByText('Thank you. You can change your answer').waitFor();
  }
  await checkPage(ben, 'purpose-answer');

  // Ann sees the answers side by side, with the words they share marked.
  await ann.page.reload();
  await ann.page.getByRole('heading', { name: 'Words and phrases people share' }).waitFor();
  const shared = ann.page.locator('.shared-terms mark');
  await expect
    .poll(() => shared.allTextContents())
    .toEqual(expect.arrayContaining(['new parents', 'peer support']));
  await expect
    .poll(() => ann.page.locator('.answers mark').allTextContents())
    .toContain('Peer support');
  await checkPage(ann, 'purpose-collation');

  // A draft over 12 words is refused before it goes anywhere; a short one goes to the group.
  await ann.page
    .getByLabel('Draft purpose')
    .fill('A warm and welcoming place where new parents find peer support and friendship together');
  await ann.page.getByText('14 of 12 words').waitFor();
  await ann.page.getByRole('button', { name: 'Ask the group' }).click();
  await ann.page.getByText('Keep the purpose to 12 words or fewer.').first().waitFor();
  await ann.page.getByLabel('Draft purpose').fill('Peer support for new parents');
  await ann.page.getByRole('button', { name: 'Ask the group' }).click();
  await ann.page.getByRole('heading', { name: 'Waiting for the group' }).waitFor();
  // On the group's page, the decision is listed as waiting for each member who has not answered.
  await ben.page.goto(groupUrl);
  await ben.page.getByRole('link', { name: 'A decision on the group’s purpose' }).waitFor();

  for (const person of [ben, cal]) {
    await person.page.goto(`${groupUrl}/purpose`);
    await person.page.getByRole('radio', { name: /^Agree/ }).check();
    await person.page.getByRole('button', { name: 'Save my response' }).click();
    // The last response settles it, and the page shows the outcome instead.
    await person.page
      .getByText(/Your response is saved|The group agreed on/)
      .first()
      .waitFor();
  }
  await cal.page.getByText('The group agreed on').waitFor();
  await checkPage(cal, 'purpose-agreed');

  // The purpose now heads the group's page.
  await ann.page.goto(groupUrl);
  await ann.page.locator('main').getByText('Peer support for new parents').first().waitFor();
});

it('a closed group: someone applies with the criteria in view, and a steward accepts or declines kindly', async () => {
  const sam = await newPerson(browser, DESKTOP);
  const dee = await newPerson(browser);
  const eve = await newPerson(browser);
  await signUp(sam.page, `${server.url}/signup`, 'Sam');
  await sam.page.getByRole('heading', { name: 'My groups' }).waitFor();
  const groupUrl = await startGroup(sam, 'Community nurses circle', /^Closed/);

  // Sam writes who the group is for and plans six meetings; the suggested questions are in place.
  await sam.page.getByRole('link', { name: 'Group settings' }).click();
  await sam.page.getByLabel('Joining criteria').fill('For nurses working in the community.');
  await sam.page.getByLabel('Planned number of meetings').fill('6');
  await sam.page.getByLabel('Topics').fill('nurses, evenings');
  expect(await sam.page.getByLabel('Question 1', { exact: true }).inputValue()).toBe(
    'What do you hope to get from the group?',
  );
  await checkPage(sam, 'group-settings');
  await sam.page.getByRole('button', { name: 'Save settings' }).click();
  await sam.page.getByText('Your changes are saved.').waitFor();

  // Dee finds it in the directory among groups that take applications.
  await signUp(dee.page, `${server.url}/signup`, 'Dee');
  await dee.page.getByRole('heading', { name: 'My groups' }).waitFor();
  await dee.page.goto(`${server.url}/directory`);
  await dee.page.getByText('Narrow the list').click();
  await dee.page.getByLabel('Way in').selectOption('application');
  await dee.page.getByRole('button', { name: 'Show groups' }).click();
  await dee.page.getByRole('link', { name: 'Community nurses circle' }).click();
  await dee.page.getByRole('link', { name: 'Apply to join' }).click();
  await dee.page.getByRole('heading', { name: 'Who this group is for' }).waitFor();
  await dee.page.getByText('6 meetings, then the group reviews how it is going').waitFor();
  await checkPage(dee, 'apply');

  // She answers; without confirming the commitment she is told what is missing.
  await dee.page
    .getByLabel('What do you hope to get from the group?')
    .fill('Colleagues to think with');
  await dee.page
    .getByLabel('What would you like to bring to it, or share with others?')
    .fill('Ten years of caring for my mum');
  await dee.page.getByRole('radio', { name: 'Yes, all of them' }).check();
  await dee.page.getByRole('radio', { name: 'Over 5 years' }).check();
  await dee.page.getByRole('button', { name: 'Send my application' }).click();
  await dee.page.getByRole('link', { name: 'Confirm the commitment' }).waitFor();
  await dee.page.getByRole('checkbox', { name: /I can commit/ }).check();
  await dee.page.getByRole('button', { name: 'Send my application' }).click();
  await dee.page.getByText(/You applied on/).waitFor();
  await checkPage(dee, 'applied');

  // Eve applies too, newer to it.
  await signUp(eve.page, `${server.url}/signup`, 'Eve');
  await eve.page.getByRole('heading', { name: 'My groups' }).waitFor();
  await eve.page.goto(`${groupUrl}/join`);
  await eve.page.getByLabel('What do you hope to get from the group?').fill('Ideas');
  await eve.page
    .getByLabel('What would you like to bring to it, or share with others?')
    .fill('Listening');
  await eve.page.getByRole('radio', { name: 'I am not sure yet' }).check();
  await eve.page.getByRole('radio', { name: 'Under a year' }).check();
  await eve.page.getByRole('checkbox', { name: /I can commit/ }).check();
  await eve.page.getByRole('button', { name: 'Send my application' }).click();
  await eve.page.getByText(/You applied on/).waitFor();

  // Sam is told, and reviews both with the group's mix beside each.
  await sam.page.goto(`${server.url}/notifications`);
  await sam.page
    .getByRole('link', { name: /Someone has applied to join/ })
    .first()
    .click();
  await sam.page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
  const deeCard = sam.page
    .getByRole('listitem')
    .filter({ has: sam.page.getByRole('heading', { name: 'Dee' }) });
  await deeCard.getByRole('table', { name: 'How Dee would change the mix' }).waitFor();
  await checkPage(sam, 'applications');
  await deeCard
    .getByLabel('A message to them (optional)')
    .fill('Welcome, Dee. We meet in the back room.');
  await deeCard.getByRole('button', { name: 'Accept' }).click();
  await sam.page.getByText('Dee is now a member.').waitFor();
  const eveCard = sam.page
    .getByRole('listitem')
    .filter({ has: sam.page.getByRole('heading', { name: 'Eve' }) });
  await eveCard
    .getByLabel('A message to them (optional)')
    .fill('The group is full for now; the Thursday circle may suit you better.');
  await eveCard.getByRole('button', { name: 'Decline' }).click();
  await sam.page.getByText('We have let Eve know.').waitFor();
  await sam.page.getByText('No applications are waiting.').waitFor();

  // Dee is in, and sees the stewards' message on the group page; Eve sees the kind message.
  await dee.page.reload();
  await dee.page.getByText('You are a member of this group.').waitFor();
  await dee.page.goto(groupUrl);
  await dee.page.getByText('Welcome, Dee. We meet in the back room.', { exact: false }).waitFor();
  await eve.page.reload();
  await eve.page.getByText('the Thursday circle may suit you better').waitFor();
  await checkPage(eve, 'declined');
});
