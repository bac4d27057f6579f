/**
 * Recording the call with everyone's consent, in Chromium on loopback with fake devices: one
 * person asks, everyone agrees, each device records its own voice in slices kept in IndexedDB
 * until sent. One person's uploads fail for a while (they wait on the device and arrive
 * later); another closes their browser mid-way, with their slices already sent. Then a member
 * downloads each track, Chromium's own decoder reads it, and one person erases their own.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RecordingsView } from '../core/protocol/recordings';
import { seedLiveMeeting } from '../test/helpers/liveSeed';
import { checkPage, DESKTOP, newPerson, type Watched } from './browser';
import { callWorld } from './callWorld';

const world = callWorld('recording');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long Chromium's own decoder says a downloaded track plays, in seconds. */
async function decodedSeconds(page: Page, url: string): Promise<number> {
  return page.evaluate(async (address) => {
    const bytes = await (await fetch(address)).arrayBuffer();
    const context = new OfflineAudioContext(1, 1, 48_000);
    return (await context.decodeAudioData(bytes)).duration;
  }, url);
}

it('records with everyone’s consent, survives a closed browser and a dropped connection, and gives each track', async () => {
  const seeded = await seedLiveMeeting(world.server().url, 3, 'recording');
  const names = ['Person 1', 'Person 2', 'Person 3'];
  const people: Watched[] = [];
  for (const [i, cookie] of seeded.cookies.entries()) {
    const person = await newPerson(world.browser(), i === 0 ? DESKTOP : undefined);
    await person.context.grantPermissions(['microphone']);
    const [name, value] = cookie.split('=') as [string, string];
    await person.context.addCookies([{ name, value, url: `${world.server().url}/` }]);
    await person.page.goto(`${world.server().url}/meetings/${seeded.meetingId}/live`);
    people.push(person);
  }
  const [first, second, third] = people as [Watched, Watched, Watched];
  for (const p of people) await p.page.getByText('Here now (3)').waitFor();
  for (const p of people) {
    await p.page.getByRole('button', { name: 'Join the call' }).click();
    await p.page.getByRole('button', { name: 'Join now' }).click();
    await p.page.getByRole('button', { name: 'Leave the call' }).waitFor();
  }

  // Person 1 asks; the others are asked, and it starts only when both agree.
  await first.page.getByRole('button', { name: 'Ask to record' }).click();
  await first.page.getByText('1 of 3 people here have agreed so far.').waitFor();
  await second.page.getByText('Person 1 asks to record the call.').waitFor();
  await checkPage(second, 'recording-asked');
  await second.page.getByRole('button', { name: 'Yes, record me' }).click();
  await first.page.getByText('2 of 3 people here have agreed so far.').waitFor();
  await third.page.getByRole('button', { name: 'Yes, record me' }).click();
  for (const p of people) {
    await p.page.getByText('Your voice is being recorded on this device.').waitFor();
  }
  await checkPage(first, 'recording-on');

  const recordings = async (): Promise<RecordingsView> =>
    (
      await first.page.request.get(
        `${world.server().url}/api/meetings/${seeded.meetingId}/recordings`,
      )
    ).json();
  const slicesOf = async (name: string) =>
    (await recordings()).recordings[0]?.tracks.find((t) => t.name === name)?.slices ?? 0;

  // Person 2's uploads fail for a while: their slices wait on the device.
  await second.page.route('**/slices/*', (route) => route.abort('internetdisconnected'));
  // Person 3's slices arrive; then they close their browser mid-recording.
  await expect
    .poll(() => slicesOf('Person 3'), { timeout: 30_000, interval: 500 })
    .toBeGreaterThanOrEqual(2);
  const thirdClosedAt = Date.now();
  const thirdSlices = await slicesOf('Person 3');
  await third.context.close();
  await expect
    .poll(
      () => second.page.getByText(/pieces? of your recording (is|are) waiting to be sent/).count(),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(0);
  const held = await slicesOf('Person 2');
  await second.page.unroute('**/slices/*');
  // Back online: what waited arrives.
  await expect
    .poll(() => slicesOf('Person 2'), { timeout: 60_000, interval: 500 })
    .toBeGreaterThan(held + 1);

  // Anyone may stop it, for everyone.
  await pause(8_000);
  const stoppedAt = Date.now();
  await second.page.getByRole('button', { name: 'Stop recording' }).click();
  await first.page.getByText('The recording has stopped.').waitFor();
  // The last slice of each take comes as the recorder stops: every slice has arrived when
  // each device has sent all it kept and the server has one for each five seconds recorded.
  const startedAt = Date.parse((await recordings()).recordings[0]?.startedAt ?? '');
  const expected = Math.ceil((stoppedAt - startedAt - 1_000) / 5_000);
  for (const n of ['Person 1', 'Person 2']) {
    await expect.poll(() => slicesOf(n), { timeout: 30_000 }).toBeGreaterThanOrEqual(expected);
  }
  await expect
    .poll(
      async () => {
        const done = await Promise.all(
          [first, second].map((p) => p.page.getByText(/waiting to be sent/).count()),
        );
        return done.every((n) => n === 0);
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  // Each track: downloaded by a member, read by Chromium's decoder. Person 3's ends where
  // their browser closed; the others run on until the stop.
  const list = await recordings();
  const recording = list.recordings[0];
  expect(recording?.tracks.map((t) => t.name).sort()).toEqual(names);
  expect(recording?.tracks.find((t) => t.name === 'Person 3')?.slices).toBeGreaterThanOrEqual(
    thirdSlices,
  );
  const trackUrl = (name: string) => {
    const id = recording?.tracks.find((t) => t.name === name)?.userId ?? '';
    return `${world.server().url}/api/meetings/${seeded.meetingId}/recordings/${recording?.id}/tracks/${id}`;
  };
  const seconds = Object.fromEntries(
    await Promise.all(
      names.map(async (n) => [n, await decodedSeconds(first.page, trackUrl(n))] as const),
    ),
  );
  const thirdRan = (thirdClosedAt - Date.parse(recording?.startedAt ?? '')) / 1000;
  expect(seconds['Person 3']).toBeGreaterThan(5);
  expect(seconds['Person 3']).toBeLessThan(thirdRan + 6);
  const ran = (stoppedAt - Date.parse(recording?.startedAt ?? '')) / 1000;
  for (const n of ['Person 1', 'Person 2']) {
    expect(seconds[n], n).toBeGreaterThan((seconds['Person 3'] ?? 0) + 5);
    // The whole of it, the slices that waited on the device included.
    expect(seconds[n], n).toBeGreaterThan(ran - 4);
    expect(seconds[n], n).toBeLessThan(ran + 2);
  }

  // The meeting's page lists the tracks; Person 2 erases their own.
  await second.page.goto(`${world.server().url}/meetings/${seeded.meetingId}`);
  await second.page.getByRole('heading', { name: 'Recordings' }).waitFor();
  await second.page.getByRole('link', { name: 'Download Person 1’s track' }).waitFor();
  // The failed uploads were Chromium's reports of the blocked requests, nothing else.
  second.problems.splice(
    0,
    second.problems.length,
    ...second.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)),
  );
  await checkPage(second, 'recordings');
  await second.page.getByRole('button', { name: 'Erase my track' }).click();
  await second.page.getByRole('button', { name: 'Yes, erase it' }).click();
  await second.page.getByText('Your track was erased.').waitFor();
  expect((await first.page.request.get(trackUrl('Person 2'))).status()).toBe(404);

  // Person 1 finds their own voice on their account page too, and could erase it there.
  await first.page.goto(`${world.server().url}/account`);
  await first.page.getByRole('heading', { name: 'Recordings of your voice' }).waitFor();
  await first.page.getByRole('button', { name: 'Erase my track' }).waitFor();
  await checkPage(first, 'account-recordings');

  for (const p of [first, second]) expect(p.problems).toEqual([]);
}, 240_000);
