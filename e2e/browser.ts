/**
 * Chromium for the browser suite: Debian's binary with the flags this machine needs, a fresh
 * profile per launch, and `checkPage`, which fails on serious or critical axe findings, on
 * console errors (a CSP violation shows up there), on uncaught exceptions and on pages that
 * scroll sideways at 320 px.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A new person at a new browser: own cookies, own page, problems collected. */
export async function newPerson(browser: Browser, viewport = PHONE): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Expected API refusals (401 for "who am I" when signed out, 4xx from a test's bad input)
    // are reported by Chromium as failed resources; anything else is a real problem.
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
    ) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

const seen = new Set<string>();

/**
 * Checks the page as it is now: no serious or critical axe findings and no problems so far.
 * With SCREENSHOTS=1 it also saves phone and desktop pictures to out/screens/NAME-*.png.
 */
export async function checkPage(person: Watched, name: string): Promise<void> {
  const { page } = person;
  await page.waitForLoadState('networkidle');
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, `axe on ${name}`).toEqual([]);
  expect(person.problems, `console on ${name}`).toEqual([]);
  // Usable at 320 px: nothing may force sideways scrolling.
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  // What reaches past the edge, named, when something does.
  const wide =
    overflow > 320
      ? await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter(
              (e) => e.getBoundingClientRect().right > 320 || e.scrollWidth > e.clientWidth + 1,
            )
            .slice(-3)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.slice(0, 40)}`)
            .join('; '),
        )
      : '';
  expect(overflow, `width of ${name} at 320 px (${wide})`).toBeLessThanOrEqual(320);
  if (before) await page.setViewportSize(before);
  if (process.env.SCREENSHOTS && !seen.has(name)) {
    seen.add(name);
    mkdirSync('out/screens', { recursive: true });
    const original = page.viewportSize();
    for (const [tag, size] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `out/screens/${name}-${tag}.png`, fullPage: true });
    }
    if (original) await page.setViewportSize(original);
  }
}

/** Fills in the sign-up form at `url` for a person called `name`. */
export async function signUp(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByLabel('Email address').fill(`${name.toLowerCase()}@example.org`);
  await page.getByLabel('Name to show other members').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(`${name} walks by the river`);
  await page.getByRole('button', { name: 'Create account' }).click();
}
