import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPagePath, PAGE_PATHS } from './pages';

describe('pages', () => {
  it('lists exactly the routes the web app has', () => {
    const app = readFileSync(new URL('../../web/app/App.tsx', import.meta.url), 'utf8');
    const routes = [...app.matchAll(/<Route path="([^"]+)"/g)].map((m) => m[1]);
    expect([...routes].sort()).toEqual([...PAGE_PATHS].sort());
  });

  it('matches pages with their parameters and nothing else', () => {
    for (const path of [
      '/',
      '/groups',
      '/groups/',
      '/groups/abc',
      '/meetings/m1/live',
      '/invite/tok-en',
    ]) {
      expect(isPagePath(path), path).toBe(true);
    }
    for (const path of [
      '/wp-admin',
      '/favicon.ico',
      '/.env',
      '/.git/config',
      '/groups/abc/unknown',
      '/assets/missing.js',
      '/admin.php',
      '/groups/.hidden',
    ]) {
      expect(isPagePath(path), path).toBe(false);
    }
  });
});
