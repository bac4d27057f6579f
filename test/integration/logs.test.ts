import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { spawnNode } from '../helpers/spawnNode';
import { createTestDatabase } from '../helpers/testDatabase';

const database = await createTestDatabase();
afterAll(() => database.drop());

it('logs structured lines without passwords, tokens, emails or what members write', async () => {
  const env: Record<string, string> = { LOG_LEVEL: 'info', WEB_DIST_DIR: '/nonexistent' };
  if (database.database.kind === 'postgres') env.DATABASE_URL = database.database.url;
  else env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'hearth-logs-'));
  const node = await spawnNode(env);
  const secretPassword = 'unmistakable sentinel phrase';
  const secretText = 'a private description nobody should log';
  try {
    const post = (url: string, body: unknown, cookie?: string) =>
      fetch(`${node.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
    const signup = await post('/api/auth/signup', {
      email: 'logged@example.org',
      password: secretPassword,
      displayName: 'L',
    });
    const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? '';
    const group = await (
      await post('/api/groups', { name: 'G', description: secretText, visibility: 'open' }, cookie)
    ).json();
    const invite = await (await post(`/api/groups/${group.id}/invites`, {}, cookie)).json();
    await fetch(`${node.url}/api/invites/${invite.token}`);
    await post('/api/auth/login', { email: 'logged@example.org', password: 'wrong password here' });
  } finally {
    await node.stop();
  }
  const lines = node
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'));
  expect(lines.length).toBeGreaterThan(4);
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const all = node.output();
  expect(all).toContain('/api/invites/:token');
  for (const secret of [secretPassword, secretText, 'logged@example.org', 'hearth_session=']) {
    expect(all).not.toContain(secret);
  }
  expect(all).not.toMatch(/\/invite\/[A-Za-z0-9_-]{22}/);
  expect(all).not.toMatch(/\/api\/invites\/[A-Za-z0-9_-]{22}/);
});
