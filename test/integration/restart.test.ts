import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createTestApp, PASSWORD } from '../helpers/testApp';
import { createTestDatabase } from '../helpers/testDatabase';

// On SQLite the data lives in a file; on PostgreSQL in a database made for this file.
const database = await createTestDatabase(
  path.join(mkdtempSync(path.join(tmpdir(), 'hearth-')), 'hearth.sqlite'),
);
afterAll(() => database.drop());

it('keeps everything when the server stops and starts again', async () => {
  const first = await createTestApp({ database });
  const ann = await first.signUp('Ann', { email: 'ann@example.org' });
  const group = (
    await ann.post('/api/groups', { name: 'Still here', visibility: 'closed' })
  ).json();
  await first.close();

  const second = await createTestApp({ database });
  const login = await second.anon.post('/api/auth/login', {
    email: 'ann@example.org',
    password: PASSWORD,
  });
  expect(login.statusCode).toBe(200);
  const cookie = `hearth_session=${login.cookies.find((c) => c.name === 'hearth_session')?.value}`;
  const mine = (await second.anon.get('/api/me/groups', { cookie })).json();
  expect(mine.items.map((g: { id: string }) => g.id)).toEqual([group.id]);
  // The session from before the restart still works.
  expect((await second.anon.get('/api/me', { cookie: ann.cookie ?? '' })).statusCode).toBe(200);
});
