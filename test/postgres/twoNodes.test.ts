import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RoomView } from '../../core/protocol/live';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { type RunningNode, spawnNode } from '../helpers/spawnNode';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let a: RunningNode;
let b: RunningNode;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.database.kind !== 'postgres') throw new Error('this test needs PostgreSQL');
  const env = { DATABASE_URL: database.database.url, WEB_DIST_DIR: '/nonexistent' };
  // Both start (and migrate) at once: the migration lock keeps that safe.
  [a, b] = await Promise.all([spawnNode(env), spawnNode(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

async function call(
  node: RunningNode,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    json: response.status === 204 ? null : await response.json(),
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
  };
}

it('serves the same data from two processes on one PostgreSQL', async () => {
  expect(a.url).not.toBe(b.url);
  const signup = await call(a, 'POST', '/api/auth/signup', {
    email: 'two@example.org',
    password: 'two nodes, one truth',
    displayName: 'Two',
  });
  expect(signup.status).toBe(201);
  // A session made on one node works on the other.
  const me = await call(b, 'GET', '/api/me', undefined, signup.cookie);
  expect(me.json.id).toBe(signup.json.id);

  const group = await call(
    b,
    'POST',
    '/api/groups',
    { name: 'Across nodes', visibility: 'open', sizeCap: 3 },
    signup.cookie,
  );
  expect(group.status).toBe(201);
  const seen = await call(a, 'GET', `/api/groups/${group.json.id}`, undefined, signup.cookie);
  expect(seen.json.name).toBe('Across nodes');

  // People joining through both nodes at once still cannot overfill the group.
  const people = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      call(i % 2 ? a : b, 'POST', '/api/auth/signup', {
        email: `p${i}@example.org`,
        password: 'two nodes, one truth',
        displayName: `P${i}`,
      }),
    ),
  );
  const joins = await Promise.all(
    people.map((p, i) =>
      call(i % 2 ? b : a, 'POST', `/api/groups/${group.json.id}/join`, { confirm: true }, p.cookie),
    ),
  );
  expect(joins.filter((j) => j.status === 200)).toHaveLength(2);
  expect(joins.filter((j) => j.status === 409)).toHaveLength(4);
  const final = await call(a, 'GET', `/api/groups/${group.json.id}`, undefined, signup.cookie);
  expect(final.json.memberCount).toBe(3);
});

it('shares one live room between people connected to different nodes', async () => {
  const seeded = await seedLiveMeeting(a.url, 4, 'nodes');
  const clients = await Promise.all(
    seeded.cookies.map((cookie, i) => connectLive((i % 2 ? b : a).url, seeded.meetingId, cookie)),
  );
  const everyone = async (check: (room: RoomView) => boolean) => {
    for (const client of clients) {
      const now = client.room();
      if (now && check(now)) continue;
      await client.waitFor((m) => m.type === 'state' && check(m.room), 10_000);
    }
  };
  await everyone((r) => r.participants.filter((p) => p.present).length === 4);
  const facilitatorId = clients[0]?.room()?.facilitatorId ?? '';
  const f = clients[seeded.userIds.indexOf(facilitatorId)] as LiveClient;
  expect((await f.command({ type: 'startPhase', index: 0 })).ok).toBe(true);
  expect((await f.command({ type: 'startTurn' })).ok).toBe(true);
  await everyone((r) => r.turn !== null);
  const turns = clients.map((c) => c.room()?.turn);
  for (const turn of turns) expect(turn).toEqual(turns[0]);
  // Hands raised on both nodes are queued in the order the server received them.
  const [, second, third] = clients as [LiveClient, LiveClient, LiveClient];
  await f.command({ type: 'endTurn' });
  await f.command({ type: 'setOrder', mode: 'volunteers' });
  const early = await third.command({ type: 'hand', raised: true });
  const late = await second.command({ type: 'hand', raised: true });
  expect(early.ok && late.ok).toBe(true);
  await everyone((r) => r.hands.length === 2);
  for (const client of clients) {
    expect(client.room()?.hands.map((h) => h.userId)).toEqual([
      seeded.userIds[2],
      seeded.userIds[1],
    ]);
  }
  for (const client of clients) await client.close();
});
