/**
 * The call, in Chromium on loopback with fake devices: three people join from the live
 * session and hear each other; one mutes and everyone sees it; a listen turn mutes the others;
 * a microphone that alternates three seconds of tone with three of silence is measured as
 * speaking about half the time, on the device and in the session's record.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { seedLiveMeeting } from '../test/helpers/liveSeed';
import { checkPage, DESKTOP, newPerson, type Watched } from './browser';
import { callWorld } from './callWorld';

const world = callWorld('call');

const tile = (page: Page, name: string) => page.locator('.call-tile', { hasText: name });

/** How loudly `name` is heard on this page (their tile's meter), 0–1. */
async function levelOf(page: Page, name: string): Promise<number> {
  return tile(page, name)
    .locator('meter')
    .evaluate((m) => (m as HTMLMeterElement).value);
}

it('three people join the call, hear each other, mute, and share time measured on each device', async () => {
  const seeded = await seedLiveMeeting(world.server().url, 3, 'call');
  const names = ['Person 1', 'Person 2', 'Person 3'];
  const people: Watched[] = [];
  for (const [i, cookie] of seeded.cookies.entries()) {
    const person = await newPerson(world.browser(), i === 0 ? DESKTOP : undefined);
    await person.context.grantPermissions(['microphone', 'camera']);
    const [name, value] = cookie.split('=') as [string, string];
    await person.context.addCookies([{ name, value, url: `${world.server().url}/` }]);
    await person.page.goto(`${world.server().url}/meetings/${seeded.meetingId}/live`);
    people.push(person);
  }
  for (const p of people) await p.page.getByText('Here now (3)').waitFor();

  // Each chooses a microphone (the level meter moves), then joins.
  for (const p of people) {
    await p.page.getByRole('button', { name: 'Join the call' }).click();
    await p.page.getByRole('button', { name: 'Join now' }).waitFor();
  }
  await checkPage(people[1] as Watched, 'call-setup');
  for (const p of people) await p.page.getByRole('button', { name: 'Join now' }).click();

  // Everyone connected to everyone, and hearing them: each voice's meter moves on the others'.
  for (const [i, p] of people.entries()) {
    for (const [j, other] of names.entries()) {
      if (i === j) continue;
      await tile(p.page, other).getByText('connection good').waitFor({ timeout: 20_000 });
    }
  }
  for (const [i, p] of people.entries()) {
    await p.page.bringToFront();
    for (const [j, other] of names.entries()) {
      if (i === j) continue;
      await expect
        .poll(() => levelOf(p.page, other), { timeout: 20_000, interval: 250 })
        .toBeGreaterThan(0.01);
    }
  }
  await checkPage(people[0] as Watched, 'call-three');

  // Person 2 mutes: everyone sees it, and their voice stops reaching the others.
  const [first, second, third] = people as [Watched, Watched, Watched];
  await second.page.getByRole('button', { name: 'Mute' }).click();
  for (const p of [first, third]) {
    await tile(p.page, 'Person 2').getByText('muted').waitFor();
  }
  await second.page.getByRole('button', { name: 'Unmute' }).click();
  await tile(first.page, 'Person 2')
    .getByText(/connection good/)
    .waitFor();

  // A listen turn: everyone but the speaker is muted (and may unmute themselves).
  const facilitatorLine = await first.page
    .locator('ul.here li', { hasText: 'facilitating' })
    .textContent();
  const fi = names.indexOf((facilitatorLine ?? '').split(' · ')[0] ?? '');
  const f = people[fi] as Watched;
  await f.page.getByRole('button', { name: 'Start: Check-in round' }).click();
  const start = f.page.getByRole('button', { name: /^Start .*’s turn$/ });
  const label = (await start.textContent()) ?? '';
  const speakerName = /^Start (.*)’s turn$/.exec(label.trim())?.[1] ?? '';
  await start.click();
  const speaker = people[names.indexOf(speakerName)] as Watched;
  for (const p of people.filter((x) => x !== speaker)) {
    await p.page.getByText('You are muted while someone has a turn').waitFor();
    await p.page.getByRole('button', { name: 'Unmute' }).waitFor();
  }
  await speaker.page.getByRole('button', { name: 'Mute', exact: true }).waitFor();

  // The speaker's microphone alternates tone and silence: about half of it is speaking, as
  // the speaker's own device measured it and as the session's record has it.
  const spokenInCheckIn = async () => {
    const response = await speaker.page.request.get(
      `${world.server().url}/api/meetings/${seeded.meetingId}/speaking`,
    );
    const record = (await response.json()) as {
      you: { byPart: { partId: string; spokenMs: number }[] } | null;
    };
    return record.you?.byPart[0]?.spokenMs ?? 0;
  };
  await expect.poll(spokenInCheckIn, { timeout: 10_000 }).toBeGreaterThan(0);
  const from = { ms: await spokenInCheckIn(), at: Date.now() };
  await new Promise((resolve) => setTimeout(resolve, 18_000));
  const to = { ms: await spokenInCheckIn(), at: Date.now() };
  const share = (to.ms - from.ms) / (to.at - from.at);
  expect(share).toBeGreaterThan(0.35);
  expect(share).toBeLessThan(0.65);

  for (const p of people) expect(p.problems).toEqual([]);
}, 180_000);
