/**
 * `npm test`. Unit and SQLite integration tests always run; the PostgreSQL suite runs when
 * TEST_DATABASE_URL is set, the browser suite when Chromium is found. What is skipped is
 * said, and with CI=true nothing may be skipped.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { chromiumPath } from './e2e/chromiumPath.ts';

const skipped: string[] = [];
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl)
  skipped.push(
    'PostgreSQL suite: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
  );
const chromium = chromiumPath();
if (!chromium)
  skipped.push('browser suite: no Chromium found (install Debian’s chromium or set CHROMIUM)');

if (skipped.length > 0) {
  const lines = skipped.map((s) => `  - ${s}`).join('\n');
  if (process.env.CI === 'true') {
    throw new Error(`CI=true, so nothing may be skipped, but these cannot run:\n${lines}`);
  }
  process.stdout.write(`\nSkipping:\n${lines}\n\n`);
}

const integration = ['test/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'server/**/*.test.ts',
            'web/**/*.test.ts',
            'test/architecture/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { HEARTH_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
        },
      },
      ...(pgUrl
        ? [
            {
              test: {
                name: 'postgres',
                include: [...integration, 'test/postgres/**/*.test.ts'],
                env: { HEARTH_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
                globalSetup: ['test/helpers/pgGlobalSetup.ts'],
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(chromium && existsSync('e2e')
        ? [
            {
              test: {
                name: 'browser',
                include: ['e2e/**/*.test.ts'],
                env: { CHROMIUM: chromium },
                globalSetup: ['e2e/buildWeb.ts'],
                testTimeout: 120_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
