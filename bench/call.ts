/**
 * `npm run bench:call`: six people join one call on loopback, each in their own Chromium with
 * a fake microphone (tone and silence, three seconds each), sound only. Measures how long from
 * everyone pressing "Join now" until each hears each other one (their meter moves), the CPU
 * each browser uses while the six talk, and what each person sends (getStats), against the
 * target of at most 300 kb/s up for an audio call of six. Only 127.0.0.1; stops by itself.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { chromiumPath } from '../e2e/chromiumPath';
import { fakeMedia, toneAndSilence } from '../e2e/fakeMedia';
import { seedLiveMeeting } from '../test/helpers/liveSeed';
import { spawnNode } from '../test/helpers/spawnNode';
import { table, writePerformanceSection } from './performanceDoc';

const PEOPLE = 6;
const TALK_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

if (!chromiumPath()) {
  console.log('bench:call needs Chromium (Debian’s chromium, or CHROMIUM=path).');
  process.exit(1);
}

/** CPU time (ms) used by every Chromium process on the machine, from /proc. */
function chromiumCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = /\(([^)]*)\)/.exec(stat)?.[1] ?? '';
      if (!name.includes('chrom')) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-call-'));
const wav = path.join(dir, 'tone-and-silence.wav');
toneAndSilence(wav);
const node = await spawnNode({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
const browsers: Browser[] = [];
try {
  const seeded = await seedLiveMeeting(node.url, PEOPLE, 'benchcall');
  const names = Array.from({ length: PEOPLE }, (_, i) => `Person ${i + 1}`);
  const pages: Page[] = [];
  for (const cookie of seeded.cookies) {
    const browser = await launchBrowser(fakeMedia(wav));
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['microphone']);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: `${node.url}/` }]);
    const page = await context.newPage();
    await page.goto(`${node.url}/meetings/${seeded.meetingId}/live`);
    pages.push(page);
  }
  for (const page of pages) {
    await page.getByText(`Here now (${PEOPLE})`).waitFor();
    await page.getByRole('button', { name: 'Join the call' }).click();
    await page.getByRole('button', { name: 'Join now' }).waitFor();
  }

  // Everyone presses "Join now" together; each page notes when each other voice first moves
  // its meter.
  const began = Date.now();
  await Promise.all(pages.map((p) => p.getByRole('button', { name: 'Join now' }).click()));
  const heard = await Promise.all(
    pages.map((page, i) =>
      page.evaluate(
        async ({ others, began, timeoutMs }) => {
          const first: Record<string, number> = {};
          const connected: Record<string, number> = {};
          const until = Date.now() + timeoutMs;
          while (Object.keys(first).length < others.length && Date.now() < until) {
            for (const tile of document.querySelectorAll('.call-tile')) {
              const name = tile.querySelector('strong')?.textContent ?? '';
              if (!others.includes(name)) continue;
              const meter = tile.querySelector('meter') as HTMLMeterElement | null;
              if (!(name in first) && (meter?.value ?? 0) > 0.001) first[name] = Date.now() - began;
              if (
                !(name in connected) &&
                /connection (good|patchy|poor)/.test(tile.textContent ?? '')
              ) {
                connected[name] = Date.now() - began;
              }
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return { first, connected };
        },
        { others: names.filter((_, j) => j !== i), began, timeoutMs: 60_000 },
      ),
    ),
  );
  const times = heard.flatMap((h) => Object.values(h.first));
  const links = heard.flatMap((h) => Object.values(h.connected));
  const pairs = PEOPLE * (PEOPLE - 1);

  // Six talking (each microphone alternates tone and silence): CPU and upload.
  const cpu0 = chromiumCpuMs();
  const t0 = performance.now();
  // Each page's upload over the last two seconds, read every two seconds: averaged per person.
  const samples: number[][] = pages.map(() => []);
  for (let s = 0; s < TALK_SECONDS / 2; s++) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const [i, p] of pages.entries()) {
      const bps = Number(await p.locator('section.call').getAttribute('data-upload-bps'));
      if (Number.isFinite(bps)) samples[i]?.push(bps);
    }
  }
  const cpuShare = (chromiumCpuMs() - cpu0) / (performance.now() - t0) / PEOPLE;
  const uploads = samples.map((xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));

  const rows = [
    ['people in the call', PEOPLE],
    ['pairs hearing each other', `${times.length} of ${pairs}`],
    ['join to connected, p50', `${(quantile(links, 0.5) / 1000).toFixed(2)} s`],
    ['join to connected, p99 (slowest pair)', `${(quantile(links, 0.99) / 1000).toFixed(2)} s`],
    ['join to hearing, p50', `${(quantile(times, 0.5) / 1000).toFixed(2)} s`],
    ['join to hearing, p99 (slowest pair)', `${(quantile(times, 0.99) / 1000).toFixed(2)} s`],
    ['CPU per browser (six streams in, five out)', `${Math.round(cpuShare * 100)}% of a core`],
    ['upload per person, median', `${Math.round(quantile(uploads, 0.5) / 1000)} kb/s`],
    ['upload per person, highest', `${Math.round(Math.max(...uploads) / 1000)} kb/s`],
  ];
  console.table(rows.map(([what, figure]) => ({ what, figure })));
  const meets = times.length === pairs && Math.max(...uploads) <= 300_000;
  writePerformanceSection(
    'bench:call',
    `## The call: six people on loopback (\`npm run bench:call\`)

Measured ${new Date().toISOString().slice(0, 10)} on this machine: one Hearth process (SQLite) and six Chromium browsers, each with a fake microphone alternating three seconds of tone and three of silence, sound only, all on 127.0.0.1 (so no network limits apply: these are the browsers' and the mesh's own costs). "Join to connected" runs from everyone pressing "Join now" at once until each person's tile for each other person shows the connection up; "join to hearing" until that person's meter first moves (the energy of the audio received, read from getStats every two seconds, so it includes up to two seconds of that interval and up to three of the file's silence). CPU is all Chromium processes' time over ${TALK_SECONDS} s of talk, divided by six, on a two-core machine that runs all six. Upload is each browser's bytes sent on all its connections, from getStats, averaged over the talk.

${table(['what', 'figure'], rows)}

Target: every pair hears each other, and audio-only upload at most 300 kb/s per person for six — **${meets ? 'meets' : 'does not meet'}**.`,
  );
  console.log('written to docs/PERFORMANCE.md');
} finally {
  await Promise.all(browsers.map((b) => b.close().catch(() => {})));
  await node.stop();
}
