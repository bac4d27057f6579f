/**
 * `npm run backup` while Hearth is busy writing, then `npm run restore` into a new data folder:
 * everything written before the backup began comes back, and the database is whole. On
 * PostgreSQL the script points to pg_dump and pg_restore instead. Each project runs both:
 * neither needs the project's database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/liveSeed';
import { spawnNode } from '../helpers/spawnNode';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

function script(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['scripts/backup.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
}

describe('backup and restore on SQLite', () => {
  it('restores everything written before a backup taken under writes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-backup-'));
    const node = await spawnNode({ DATA_DIR: dataDir, WEB_DIST_DIR: '/nonexistent' });
    const signup = await call(node.url, 'POST', '/api/auth/signup', {
      email: 'keeper@example.org',
      password: 'a quiet walk by the river',
      displayName: 'Keeper',
    });
    const cookie = signup.cookie;
    const made: { id: string; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 2000; i++) {
        const r = await call(
          node.url,
          'POST',
          '/api/groups',
          { name: `Group ${i}`, visibility: 'closed' },
          cookie,
        );
        expect(r.status).toBe(201);
        made.push({ id: r.json.id, at: Date.now() });
      }
    })();
    while (made.length < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hearth-backups-')), 'copy.sqlite');
    const began = Date.now();
    const backup = await script(['backup', file], { DATA_DIR: dataDir });
    expect(backup.stdout).toContain('integrity ok');
    writing = false;
    await writer;
    await node.stop();
    const before = made.filter((m) => m.at < began).map((m) => m.id);
    expect(before.length).toBeGreaterThanOrEqual(30);
    expect(made.length).toBeGreaterThan(before.length - 1);

    const restoredDir = mkdtempSync(path.join(tmpdir(), 'hearth-restored-'));
    const restore = await script(['restore', file], { DATA_DIR: restoredDir });
    expect(restore.stdout).toContain('Restored');
    const again = await spawnNode({ DATA_DIR: restoredDir, WEB_DIST_DIR: '/nonexistent' });
    try {
      expect((await call(again.url, 'GET', '/readyz')).json.status).toBe('ready');
      const login = await call(again.url, 'POST', '/api/auth/login', {
        email: 'keeper@example.org',
        password: 'a quiet walk by the river',
      });
      const mine = await call(again.url, 'GET', '/api/me/groups', undefined, login.cookie);
      const ids = new Set(mine.json.items.map((g: { id: string }) => g.id));
      for (const id of before) expect(ids.has(id), id).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it('refuses a file that is not a Hearth database, and says what to do without a database', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hearth-none-'));
    await expect(script(['backup'], { DATA_DIR: empty })).rejects.toMatchObject({
      stderr: expect.stringContaining('There is no Hearth database'),
    });
    await expect(
      script(['restore', path.join(ROOT, 'package.json')], { DATA_DIR: empty }),
    ).rejects.toMatchObject({ code: 1 });
  });
});

describe('backup on PostgreSQL', () => {
  it('points to pg_dump and pg_restore', async () => {
    await expect(
      script(['backup'], { DATABASE_URL: 'postgres://hearth@127.0.0.1/hearth' }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('pg_dump --format=custom') });
  });
});
