import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedLiveMeeting } from '../test/helpers/liveSeed';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson, type Watched } from './browser';

let server: RunningNode;
let browser: Browser;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-live-'));
  [server, browser] = await Promise.all([spawnNode({ DATA_DIR: dataDir }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everyone's page shows this text. */
async function allSee(people: Watched[], text: string | RegExp) {
  for (const person of people) await person.page.getByText(text).first().waitFor();
}

/** The facilitator starts the next turn; the speaker finishes it from their own screen. */
async function takeTurn(facilitator: Page, people: Watched[], names: string[]) {
  const start = facilitator.getByRole('button', { name: /^Start .*’s turn$/ });
  const label = (await start.textContent()) ?? '';
  const name = /^Start (.*)’s turn$/.exec(label.trim())?.[1] ?? '';
  await start.click();
  const speaker = people[names.indexOf(name)] as Watched;
  await speaker.page.getByRole('heading', { name: 'Your turn' }).waitFor();
  for (const other of people.filter((p) => p !== speaker)) {
    await other.page.getByRole('heading', { name: `${name} is speaking` }).waitFor();
  }
  return { speaker, name };
}

/**
 * Three people in one live session, one of them on a desktop and two on phones; resolves
 * once everyone sees all three, with the facilitator (the rota's) found from the page.
 */
async function threeInARoom(tag: string, onDesktop: number, size = 3) {
  const seeded = await seedLiveMeeting(server.url, size, tag);
  const people: Watched[] = [];
  for (const [i, cookie] of seeded.cookies.entries()) {
    const person = await newPerson(browser, i === onDesktop ? DESKTOP : undefined);
    const [name, value] = cookie.split('=') as [string, string];
    await person.context.addCookies([{ name, value, url: `${server.url}/` }]);
    await person.page.goto(`${server.url}/meetings/${seeded.meetingId}/live`);
    people.push(person);
  }
  await allSee(people, `Here now (${size})`);
  const names = Array.from({ length: size }, (_, i) => `Person ${i + 1}`);
  const facilitatorName = await people[0]?.page
    .locator('ul.here li', { hasText: 'facilitating' })
    .textContent();
  const fi = names.indexOf((facilitatorName ?? '').split(' · ')[0] ?? '');
  return { people, names, fi, f: people[fi] as Watched, seeded };
}

it('three people complete a check-in round and a members’ time round with different modes', async () => {
  const { people, names, f } = await threeInARoom('e2e', 0);
  await checkPage(f, 'live-waiting');

  // Check-in: everyone has a turn in the order they arrived.
  await f.page.getByRole('button', { name: 'Start: Check-in round' }).click();
  await allSee(people, 'A few words each: how you are arriving today.');
  for (let i = 0; i < 3; i++) {
    const { speaker } = await takeTurn(f.page, people, names);
    if (i === 0) {
      // Every screen counts down to the same moment: their local end times agree closely.
      const ends = await Promise.all(
        people.map(async (p) =>
          Number(await p.page.locator('.clock[data-local-ends]').getAttribute('data-local-ends')),
        ),
      );
      expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(250);
      await expect
        .poll(() => people[1]?.page.getByRole('status').first().textContent())
        .toMatch(/Now speaking|It is your turn/);
      await checkPage(speaker, 'live-your-turn');
    }
    await speaker.page.getByRole('button', { name: 'I have finished' }).click();
  }
  await allSee(people, 'Everyone here has had their turn.');

  // Before members' time, two people choose how to use their time.
  const [p1, p2, p3] = people as [Watched, Watched, Watched];
  await p2.page.getByRole('radio', { name: /^Feedback/ }).check();
  await p2.page.getByLabel('On what, in a few words').fill('Bedtime routines');
  await p2.page.getByRole('button', { name: 'Save my choice' }).click();
  await p2.page.getByText('Saved. You can change it until your turn.').waitFor();
  await p3.page.getByRole('radio', { name: /^Coaching/ }).check();
  await p3.page.getByRole('button', { name: 'Save my choice' }).click();
  await p3.page.getByText('Saved. You can change it until your turn.').waitFor();

  await f.page.getByRole('button', { name: 'Start: Members’ time' }).click();
  await allSee(people, 'Members’ time');
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { speaker, name } = await takeTurn(f.page, people, names);
    seen.push(name);
    const watcher = people.find((p) => p !== speaker) as Watched;
    if (speaker === p2) {
      await watcher.page
        .getByText('Asking for feedback from everyone. Focus: Bedtime routines')
        .waitFor();
    } else if (speaker === p3) {
      await watcher.page.getByText('Asking for coaching.').waitFor();
    } else {
      await watcher.page.getByText('Listening, without interrupting.').waitFor();
      // Hands wait while someone is listened to.
      expect(await watcher.page.getByRole('button', { name: 'Raise my hand' }).isDisabled()).toBe(
        true,
      );
      await checkPage(watcher, 'live-listening');
    }
    await speaker.page.getByRole('button', { name: 'I have finished' }).click();
  }
  expect(seen.sort()).toEqual([...names].sort());
  await allSee(people, 'Everyone here has had their turn.');
  await checkPage(p1, 'live-round-done');
});

it('shows passes, lets the facilitator call on and lower hands, opens the agenda, and ends with a summary', async () => {
  const { people, names, fi, f } = await threeInARoom('e2e-hands', 1);
  const [a, b] = people.filter((_, i) => i !== fi) as [Watched, Watched];
  const [aName, bName] = names.filter((_, i) => i !== fi) as [string, string];

  // Members see the agenda before the session starts: parts, times and guides.
  await a.page.getByText('Today’s agenda').waitFor();
  await a.page.getByText(/Check-in round · \d+ min/).waitFor();
  await a.page.getByText('A few words each: how you are arriving today.').first().waitFor();

  // One way to pass: A passes ahead of the round, and is shown as passed, never offered.
  expect(await a.page.getByRole('radio', { name: /^Pass/ }).count()).toBe(0);
  await a.page.getByRole('button', { name: 'Pass the next round' }).click();
  await a.page.getByText('You will pass the next round. That is fine.').waitFor();
  await f.page.getByRole('button', { name: 'Start: Check-in round' }).click();
  await allSee(people, `Passed: ${aName}`);
  await a.page.getByText('You passed this round. That is fine.').waitFor();
  const offered = await f.page.getByRole('button', { name: /^Start .*’s turn$/ }).textContent();
  expect(offered).not.toContain(aName);
  expect(await f.page.locator('ol.queue').first().textContent()).not.toContain(aName);

  // Open discussion: B raises a hand and is called on; A's hand is lowered, and A is told.
  await f.page.getByText('The agenda').click();
  await f.page.getByRole('button', { name: /^Open discussion/ }).click();
  await allSee(people, 'Open discussion');
  await b.page.getByRole('button', { name: 'Raise my hand' }).click();
  await a.page.getByRole('button', { name: 'Raise my hand' }).click();
  await f.page.locator('ol.queue li', { hasText: bName }).waitFor();
  await checkPage(f, 'live-hands-facilitator');
  await f.page
    .locator('ol.queue li', { hasText: bName })
    .getByRole('button', { name: 'Call on' })
    .click();
  await allSee([f, a], `${bName} has the floor.`);
  await b.page.getByText('You have the floor.').waitFor();
  await b.page.getByText('The facilitator called on you, so your hand is down.').waitFor();
  await f.page
    .locator('ol.queue li', { hasText: aName })
    .getByRole('button', { name: 'Lower hand' })
    .click();
  await a.page.getByText('The facilitator lowered your hand.', { exact: false }).waitFor();
  await checkPage(a, 'live-hand-lowered');

  // The end: clocks and controls go; a summary and the way back to the meeting.
  await f.page.getByRole('button', { name: 'End the session' }).click();
  await f.page.getByRole('button', { name: /^Yes, end/ }).click();
  await allSee(people, 'This session has ended');
  for (const p of people) {
    expect(await p.page.getByRole('button', { name: 'Raise my hand' }).count()).toBe(0);
    expect(await p.page.locator('.clock').count()).toBe(0);
    await p.page.getByRole('link', { name: 'Back to the meeting' }).waitFor();
    await p.page.getByRole('link', { name: 'How time was shared' }).waitFor();
  }
  await checkPage(b, 'live-summary');
});

it('keeps who spoke in discussion, asks for a check-out and shows how time was shared', async () => {
  const { people, names, fi, f } = await threeInARoom('e2e-speaking', 0);
  const [a, b] = people.filter((_, i) => i !== fi) as [Watched, Watched];
  const [aName, bName] = names.filter((_, i) => i !== fi) as [string, string];

  // Open discussion: the facilitator taps who is speaking; everyone sees it.
  await f.page.getByText('The agenda').click();
  await f.page.getByRole('button', { name: /^Open discussion/ }).click();
  await allSee(people, 'Open discussion');
  const control = f.page.getByRole('region', { name: 'Who is speaking now' });
  await control.getByRole('button', { name: aName }).click();
  await b.page.getByText(`${aName} is speaking.`).waitFor();
  await a.page.getByText('You are speaking.').waitFor();
  // Only the facilitator and the rota's timekeeper have the control.
  for (const [person, name] of [
    [a, aName],
    [b, bName],
  ] as const) {
    const keeps = await person.page.locator('ul.here li', { hasText: name }).textContent();
    const control = person.page.getByRole('region', { name: 'Who is speaking now' });
    expect(await control.count()).toBe(keeps?.includes('keeping time') ? 1 : 0);
  }
  await f.page.getByRole('button', { name: 'Note advice nobody asked for' }).click();
  await f.page.getByText('Noted once in this part (never with a name).').waitFor();
  await f.page.getByLabel('Order of raised hands').selectOption('leastHeard');
  await f.page.waitForTimeout(1200);
  await control.getByRole('button', { name: bName }).click();
  await a.page.getByText(`${bName} is speaking.`).waitFor();
  await checkPage(f, 'live-speaking-control');

  // The check-out round: each person is asked how today was.
  await f.page.getByRole('button', { name: /^Check-out round/ }).click();
  await allSee(people, 'Check-out: how was today?');
  await a.page.getByLabel('How was today?', { exact: true }).fill('Lighter than I came in.');
  await a.page.getByRole('radio', { name: '4' }).check();
  await a.page.getByText('The group', { exact: true }).click();
  await a.page.getByRole('button', { name: 'Save my reflection' }).click();
  await a.page.getByText('Your reflection is saved.').waitFor();
  await b.page.getByLabel('How was today?', { exact: true }).fill('Tired, but heard.');
  await b.page.getByRole('button', { name: 'Save my reflection' }).click();
  await b.page.getByText('Your reflection is saved.').waitFor();
  await checkPage(a, 'live-check-out');

  // After: each person's own numbers, the group's picture with nobody named.
  await f.page.getByRole('button', { name: 'End the session' }).click();
  await f.page.getByRole('button', { name: /^Yes, end/ }).click();
  await allSee(people, 'This session has ended');
  await b.page.getByRole('link', { name: 'How time was shared' }).click();
  await b.page.getByRole('heading', { name: 'How time was shared', level: 1 }).waitFor();
  await b.page.getByRole('img', { name: /Time each person spoke/ }).waitFor();
  await b.page.getByText(/^You spoke for \d+:\d{2}\. A fair share was/).waitFor();
  await b.page.getByText('Lighter than I came in.').waitFor();
  expect(await b.page.getByText('Tired, but heard.').count()).toBe(0);
  const table = await b.page.locator('table.summary').first().textContent();
  expect(table).not.toContain(aName);
  await b.page.getByText('Advice nobody asked for was noted once in Open discussion.').waitFor();
  await checkPage(b, 'speaking-record');
});

it('an observer notes by key and tap, and only the facilitator reads the notes', async () => {
  const { people, names, fi, f, seeded } = await threeInARoom('e2e-observer', 1);
  const [a, b] = people.filter((_, i) => i !== fi) as [Watched, Watched];
  const [aName, bName] = names.filter((_, i) => i !== fi) as [string, string];

  // The facilitator names A the observer: everyone sees who observes.
  await f.page.getByLabel('Observer', { exact: true }).selectOption({ label: aName });
  await b.page.getByText(`${aName} is observing`, { exact: false }).waitFor();
  await a.page.getByText('You are observing', { exact: false }).waitFor();
  // Everyone is asked whether they agree to be observed; B says no.
  // A click, not check(): the box shows the room's answer, which comes back from the server.
  await f.page.getByLabel('Ask everyone whether they agree to be observed').click();
  await f.page.getByText('agreed to be observed;', { exact: false }).waitFor();
  await b.page.getByRole('heading', { name: 'Do you agree to be observed?' }).waitFor();
  await checkPage(b, 'live-consent');
  await b.page.getByRole('button', { name: 'No, please do not note about me' }).click();
  await b.page.getByText('not to note about you', { exact: false }).waitFor();
  await a.page.getByText(`${bName} asked not to be observed`, { exact: false }).waitFor();
  await f.page.getByRole('button', { name: 'Start: Check-in round' }).click();
  await allSee(people, 'Check-in round');

  // One key per code, whenever focus is not in a field; words and people after.
  const panel = a.page.getByRole('region', { name: 'Your observer’s notes' });
  await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await a.page.keyboard.press('n');
  await panel.getByRole('heading', { name: 'Non-verbal · Check-in round' }).waitFor();
  await panel.getByLabel('Words (optional)').fill('Shoulders dropped when the group laughed.');
  await panel.getByRole('button', { name: names[fi] as string }).click();
  // Whoever said no is never offered.
  expect(await panel.getByRole('button', { name: bName, exact: true }).count()).toBe(0);
  await panel.getByText('Saved').first().waitFor();
  await panel.getByLabel('Note a span', { exact: false }).check();
  await panel.getByRole('button', { name: /^Theme/ }).click();
  await panel.getByRole('button', { name: 'End this span' }).click();
  await panel.getByText(/lasted \d+:\d{2}/).waitFor();
  await checkPage(a, 'live-observer');

  // The facilitator reads them; nobody else sees a word of them.
  await f.page.getByText('The observer’s notes (only you see these)').click();
  await f.page.getByText('Shoulders dropped when the group laughed.').waitFor();
  await checkPage(f, 'live-observer-facilitator');
  expect(await b.page.getByText('Shoulders dropped', { exact: false }).count()).toBe(0);
  expect(await b.page.getByRole('region', { name: 'Your observer’s notes' }).count()).toBe(0);
  expect(await b.page.getByText('The observer’s notes', { exact: false }).count()).toBe(0);

  // The steward keeps the group's codebook on its settings page.
  const steward = people[0] as Watched;
  await steward.page.goto(`${server.url}/groups/${seeded.groupId}/settings`);
  await steward.page.getByRole('heading', { name: 'The observer’s codebook' }).waitFor();
  await steward.page.getByLabel('Code 5').fill('A quote');
  await steward.page.getByRole('button', { name: 'Save the codebook' }).click();
  await steward.page.getByText('The codebook is saved.').waitFor();
  await checkPage(steward, 'settings-codebook');
});

it('four people: two small groups they chose, an observer, a check-out and the chart after', async () => {
  const { people, names, fi, f } = await threeInARoom('e2e-groups', 0, 4);
  const others = people.filter((_, i) => i !== fi);
  const otherNames = names.filter((_, i) => i !== fi);
  const [a, b, c] = others as [Watched, Watched, Watched];

  // An observer, shown to everyone.
  await f.page
    .getByLabel('Observer', { exact: true })
    .selectOption({ label: otherNames[2] as string });
  await a.page.getByText(`${otherNames[2]} is observing`, { exact: false }).waitFor();
  await f.page.getByText('The agenda').click();
  await f.page.getByRole('button', { name: /^Small groups/ }).click();
  await allSee(people, 'Talk in twos or threes about what came up.');

  // The facilitator sets up two named groups that people choose, and joins one.
  await f.page.getByText('Small groups for this part').click();
  await f.page.getByLabel('Names for the groups (optional)').fill('Garden\nKitchen');
  await f.page.getByLabel('I will join a group too', { exact: false }).check();
  await f.page.getByRole('button', { name: 'Set up small groups' }).click();
  await allSee(people, 'Small groups are being set up');
  const choose = async (person: Watched, group: string) =>
    person.page
      .locator('ul.group-cards li', { hasText: group })
      .getByRole('button', { name: 'Choose this group' })
      .click();
  await choose(a, 'Garden');
  await choose(b, 'Kitchen');
  // A changes their mind: switching is free until the groups start.
  await choose(a, 'Kitchen');
  await choose(a, 'Garden');
  await choose(c, 'Kitchen');
  await f.page
    .locator('ul.group-cards li', { hasText: 'Garden' })
    .getByText(otherNames[0] as string)
    .waitFor();
  await checkPage(a, 'live-groups-forming');
  await choose(f, 'Garden');
  await f.page.getByRole('button', { name: 'Start the small groups' }).click();

  // Each is in a room of their own: turns inside it, nobody in charge.
  await a.page.getByRole('heading', { name: 'Your small group: Garden' }).waitFor();
  await b.page.getByRole('heading', { name: 'Your small group: Kitchen' }).waitFor();
  await a.page.getByRole('button', { name: /^Start .*’s turn$/ }).click();
  await f.page
    .getByText(/is speaking\.$|Your turn:/)
    .first()
    .waitFor();
  // The Garden's own notes, shared with everyone when they come back (both agree).
  await a.page.getByLabel('Our notes', { exact: true }).fill('Sleep, and asking for help.');
  await a.page.getByText('Saved.').waitFor();
  for (const p of [a, f]) {
    await p.page.getByLabel('Share our notes with everyone', { exact: false }).check();
  }
  await a.page.getByText('(2 of 2 agree; all must)', { exact: false }).waitFor();
  await checkPage(a, 'live-group-room');
  // C goes back to the main room early; the others carry on.
  await c.page.getByRole('button', { name: 'Back to the main room' }).click();
  await c.page.getByRole('heading', { name: 'Small groups are under way' }).waitFor();
  await checkPage(c, 'live-groups-main-room');

  // The facilitator brings everyone back.
  await f.page.getByRole('button', { name: 'Bring everyone back now' }).click();
  for (const p of people) {
    await p.page
      .getByRole('heading', { name: /Your small group|Small groups are/ })
      .waitFor({ state: 'detached' });
    await p.page.getByText('Sleep, and asking for help.').waitFor();
  }

  // The observer notes a moment; the check-out asks everyone how today was.
  await c.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await c.page.keyboard.press('e');
  await c.page
    .getByRole('region', { name: 'Your observer’s notes' })
    .getByText('Saved')
    .first()
    .waitFor();
  await f.page.getByRole('button', { name: /^Check-out round/ }).click();
  await allSee(people, 'Check-out: how was today?');
  await b.page.getByLabel('How was today?', { exact: true }).fill('Glad I came.');
  await b.page.getByText('The group', { exact: true }).click();
  await b.page.getByRole('button', { name: 'Save my reflection' }).click();
  await b.page.getByText('Your reflection is saved.').waitFor();

  // After: the chart, with the small groups' time in it.
  await f.page.getByRole('button', { name: 'End the session' }).click();
  await f.page.getByRole('button', { name: /^Yes, end/ }).click();
  await allSee(people, 'This session has ended');
  await a.page.getByRole('link', { name: 'How time was shared' }).click();
  await a.page.getByRole('img', { name: /Time each person spoke/ }).waitFor();
  await a.page.getByText('Small groups:', { exact: false }).first().waitFor();
  await a.page.getByText('Glad I came.').waitFor();
  await checkPage(a, 'speaking-record-groups');
});

it('a steward lets members propose small groups and invites an observer to one meeting, who observes it', async () => {
  const { people, f, seeded } = await threeInARoom('e2e-guest', 0);
  const steward = people[0] as Watched;
  const member = people.find((p) => p !== f && p !== steward) ?? (people[1] as Watched);

  // The steward allows members to propose small groups, on the group's settings page.
  const settings = await newPerson(browser, DESKTOP);
  const [cookieName, cookieValue] = (seeded.cookies[0] as string).split('=') as [string, string];
  await settings.context.addCookies([
    { name: cookieName, value: cookieValue, url: `${server.url}/` },
  ]);
  await settings.page.goto(`${server.url}/groups/${seeded.groupId}/settings`);
  await settings.page.getByLabel('Any member may propose small groups').check();
  await checkPage(settings, 'settings-members-propose');
  await settings.page.getByRole('button', { name: 'Save settings' }).click();
  await settings.page.waitForURL(/saved=1/);

  // …and invites an observer from outside the group to this meeting only.
  await settings.page.getByLabel('Invite them as').selectOption('observer');
  await settings.page.getByLabel('To observe').selectOption({ index: 1 });
  await settings.page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await settings.page.locator('#invite-link').inputValue();
  await checkPage(settings, 'invite-observer-one-meeting');

  // The observer signs up, opens the link and accepts: they land in the session, observing.
  const guest = await newPerson(browser);
  const signup = await guest.page.request.post(`${server.url}/api/auth/signup`, {
    headers: { origin: server.url },
    data: {
      email: `guest-${Date.now()}@example.org`,
      password: 'a long observing phrase',
      displayName: 'Olu Guest',
    },
  });
  expect(signup.status()).toBe(201);
  // The link names the configured public address; this server listens on another port.
  await guest.page.goto(`${server.url}${new URL(link).pathname}`);
  await guest.page.getByText('and only that meeting', { exact: false }).waitFor();
  await checkPage(guest, 'invite-to-observe');
  await guest.page.getByRole('button', { name: 'Accept and observe the meeting' }).click();
  await guest.page.getByText('You are observing', { exact: false }).waitFor();
  await allSee(people, 'Olu Guest is observing');
  await checkPage(guest, 'live-guest-observer');

  // Open discussion: a member (not facilitating) proposes small groups and starts them.
  await f.page.getByText('The agenda').click();
  await f.page.getByRole('button', { name: /^Open discussion/ }).click();
  await allSee(people, 'Open discussion');
  await member.page.getByText('Small groups for this part').click();
  await member.page.getByRole('button', { name: 'Set up small groups' }).click();
  await member.page.getByText('You proposed these small groups', { exact: false }).waitFor();
  await f.page.getByText('proposed these small groups.', { exact: false }).waitFor();
  await checkPage(member, 'live-member-proposed');
  await member.page.getByRole('button', { name: 'Start the small groups' }).click();
  await member.page.getByRole('heading', { name: /^Your small group:/ }).waitFor();
  for (const p of [...people, settings, guest]) await p.context.close();
});
