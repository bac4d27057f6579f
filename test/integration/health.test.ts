/**
 * What probes, load balancers and scanners see: liveness, readiness, and a 404 for anything
 * that is neither a page of the app nor a file it has.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/testApp';

const web = mkdtempSync(path.join(tmpdir(), 'hearth-web-'));
mkdirSync(path.join(web, 'assets'));
writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Hearth</title>');
writeFileSync(path.join(web, 'assets', 'app-1234.js'), 'console.log(1)');
const t = await createTestApp({ env: { WEB_DIST_DIR: web } });
afterAll(() => t.close());

describe('pages and files', () => {
  it('answers the app for its pages and 404 for anything else', async () => {
    for (const url of ['/', '/groups', '/groups/abc', '/meetings/m1/live', '/invite/tok?x=1']) {
      const response = await t.anon.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toContain('text/html');
    }
    expect((await t.anon.get('/assets/app-1234.js')).statusCode).toBe(200);
    for (const url of [
      '/wp-admin',
      '/.env',
      '/.git/config',
      '/admin.php',
      '/assets/gone.js',
      '/groups/a/b/c',
    ]) {
      const response = await t.anon.get(url);
      expect(response.statusCode, url).toBe(404);
    }
    // The app still loads on an unknown page, to say "not found" in its own words.
    expect((await t.anon.get('/wp-admin')).body).toContain('<title>Hearth</title>');
    const api = await t.anon.get('/api/no/such/thing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    expect((await t.anon.post('/api/no/such/thing', {})).statusCode).toBe(404);
  });
});

describe('health', () => {
  it('is live, and ready once the database answers and every migration is applied', async () => {
    expect((await t.anon.get('/healthz')).json()).toMatchObject({ status: 'ok' });
    const ready = await t.anon.get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', problem: null });

    const [last] = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`
      .execute(t.deps.db)
      .then((r) => r.rows);
    await sql`delete from kysely_migration where name = ${last?.name}`.execute(t.deps.db);
    const behind = await t.anon.get('/readyz');
    expect(behind.statusCode).toBe(503);
    expect(behind.json()).toMatchObject({ status: 'not_ready' });
    expect(behind.json().problem).toMatch(/One database migration/);
    await sql`insert into kysely_migration (name, timestamp) values (${last?.name}, ${new Date().toISOString()})`.execute(
      t.deps.db,
    );
    expect((await t.anon.get('/readyz')).statusCode).toBe(200);
  });
});
