import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_CLOSE, LIVE_PROTOCOL_VERSION, type RoomView } from '../../core/protocol/live';
import { BUS_CHANNEL, busApplicationName } from '../../server/fanout/bus';
import { endBreakoutsSoon } from '../helpers/breakouts';
import { connectLive, connectSpace, type LiveClient } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { type RunningNode, spawnNode } from '../helpers/spawnNode';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let a: RunningNode;
let b: RunningNode;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.database.kind !== 'postgres') throw new Error('this test needs PostgreSQL');
  // Rooms saved whole only every fourth change (decision 022): each node reads the other's
  // changes back from the last save and the log.
  const env = {
    DATABASE_URL: database.database.url,
    WEB_DIST_DIR: '/nonexistent',
    LIVE_SAVE_EVERY: '4',
  };
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

/** Four people in one live meeting, connected to the two nodes in turn, all of them there. */
async function roomAcrossNodes(label: string, timeoutMs = 10_000) {
  const seeded = await seedLiveMeeting(a.url, 4, label);
  const clients = await Promise.all(
    seeded.cookies.map((cookie, i) => connectLive((i % 2 ? b : a).url, seeded.meetingId, cookie)),
  );
  /** Waits until every client's room passes `check`. */
  const everyone = async (check: (room: RoomView) => boolean) => {
    for (const client of clients) {
      const now = client.room();
      if (now && check(now)) continue;
      await client.waitFor((m) => m.type === 'state' && check(m.room), timeoutMs);
    }
  };
  await everyone((r) => r.participants.filter((p) => p.present).length === 4);
  return { seeded, clients, everyone };
}

it('shares one live room between people connected to different nodes', async () => {
  const { seeded, clients, everyone } = await roomAcrossNodes('nodes');
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

it('keeps one room whole when people on both nodes change it at once', async () => {
  const { seeded, clients, everyone } = await roomAcrossNodes('busy');
  // Each node holds the room as it last wrote it; the other node's changes come in between, so
  // each must take the room as it stands under its lock, again and again.
  const answers = await Promise.all(
    clients.map(async (client) => {
      const mine = [];
      for (let i = 0; i < 12; i++)
        mine.push(await client.command({ type: 'hand', raised: i % 2 === 0 }));
      return mine;
    }),
  );
  expect(answers.flat().every((answer) => answer.ok)).toBe(true);
  const db = new pg.Client({ connectionString: (database.database as { url: string }).url });
  await db.connect();
  try {
    const room = await db.query('select version from live_rooms where meeting_id = $1', [
      seeded.meetingId,
    ]);
    const log = await db.query(
      'select version from live_events where meeting_id = $1 order by version',
      [seeded.meetingId],
    );
    const version = Number(room.rows[0].version);
    // Every version from the first to the last, each logged once: none lost, none written twice.
    expect(log.rows.map((r) => Number(r.version))).toEqual(
      Array.from({ length: version }, (_, i) => i + 1),
    );
    await everyone((r) => r.version === version);
    for (const client of clients) expect(client.room()?.hands).toEqual([]);
  } finally {
    await db.end();
    for (const client of clients) await client.close();
  }
});

it('runs small groups across nodes, and ends them on time from whichever node sees it', async () => {
  const { seeded, clients, everyone } = await roomAcrossNodes('nodegroups', 15_000);
  const facilitatorId = clients[0]?.room()?.facilitatorId ?? '';
  const f = clients[seeded.userIds.indexOf(facilitatorId)] as LiveClient;
  await f.command({ type: 'startPhase', index: 2 });
  const proposed = await f.command({
    type: 'proposeBreakouts',
    mode: 'deal',
    size: 2,
    minutes: 10,
    facilitatorJoins: true,
  });
  expect(proposed.ok).toBe(true);
  expect((await f.command({ type: 'startBreakouts' })).ok).toBe(true);
  await everyone((r) => r.breakouts?.status === 'running');
  // Someone on node B raises a hand in their small group; everyone on both nodes sees it.
  const onB = clients[1] as LiveClient;
  expect((await onB.command({ type: 'inGroup', command: { type: 'hand', raised: true } })).ok).toBe(
    true,
  );
  await everyone(
    (r) =>
      r.breakouts?.groups.some((g) => g.room?.hands.some((h) => h.userId === seeded.userIds[1])) ===
      true,
  );
  await endBreakoutsSoon(database.database, seeded.meetingId, 2_000);
  await everyone((r) => r.breakouts === null && r.lastBreakouts !== null);
  for (const client of clients) await client.close();
});

/** A LISTEN of the test's own on the nodes' bus: tells when an announcement went out. */
async function listen(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`LISTEN ${BUS_CHANNEL}`);
  const heard: { kind: string; groupId?: string }[] = [];
  client.on('notification', (m) => heard.push(JSON.parse(m.payload ?? '{}')));
  return {
    heard,
    /** Resolves once an announcement about this group has gone out. */
    async groupChanged(groupId: string, timeoutMs = 5000) {
      const start = Date.now();
      while (!heard.some((e) => e.kind === 'group' && e.groupId === groupId)) {
        if (Date.now() - start > timeoutMs) throw new Error('no announcement went out');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      heard.length = 0;
    },
    close: () => client.end(),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('never serves a group page stale on one node once the other node’s change is announced', async () => {
  if (database.database.kind !== 'postgres') throw new Error('this test needs PostgreSQL');
  const bus = await listen(database.database.url);
  const seeded = await seedLiveMeeting(a.url, 2, 'cache');
  const [steward, member] = seeded.cookies as [string, string];
  const path = `/api/groups/${seeded.groupId}`;
  const onB = async () => (await call(b, 'GET', path, undefined, steward)).json;
  // Node B has the page cached (read twice), then node A changes it, several ways in turn.
  const changes: [string, () => Promise<unknown>, (page: { [k: string]: unknown }) => boolean][] = [
    [
      'rename',
      () => call(a, 'PATCH', path, { name: 'Renamed on A' }, steward),
      (p) => p.name === 'Renamed on A',
    ],
    [
      'tag',
      () => call(a, 'PATCH', path, { tags: ['evenings'] }, steward),
      (p) => JSON.stringify(p.tags) === '["evenings"]',
    ],
    [
      'leave',
      () => call(a, 'DELETE', `${path}/members/${seeded.userIds[1]}`, undefined, member),
      (p) => p.memberCount === 1,
    ],
  ];
  for (const [what, change, fresh] of changes) {
    await onB();
    expect(fresh(await onB()), `${what}: not yet`).toBe(false);
    await change();
    await bus.groupChanged(seeded.groupId);
    // The node hears the same announcement at about the same moment as this listener.
    await pause(100);
    for (let i = 0; i < 5; i++) expect(fresh(await onB()), `${what}: read ${i}`).toBe(true);
  }
  await bus.close();
});

it('starts afresh when its connection to the bus is lost, and never serves what it missed', async () => {
  if (database.database.kind !== 'postgres') throw new Error('this test needs PostgreSQL');
  const seeded = await seedLiveMeeting(a.url, 1, 'reset');
  const [steward] = seeded.cookies as [string];
  const path = `/api/groups/${seeded.groupId}`;
  const busOnB = async () => (await call(b, 'GET', '/healthz')).json.bus;
  expect(await busOnB()).toBe('listening');
  await call(b, 'GET', path, undefined, steward);
  expect((await call(b, 'GET', path, undefined, steward)).json.name).not.toBe('Missed');
  // Node B's LISTEN connection dies; A's change is announced while B cannot hear it.
  const admin = new pg.Client({ connectionString: database.database.url });
  await admin.connect();
  try {
    const ended = await admin.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
      [busApplicationName(b.process.pid)],
    );
    expect(ended.rows).toHaveLength(1);
    // Terminating only signals the backend, and B learns of it only when the news reaches its
    // process (under load that can take a while). Wait until B says it has noticed: from then
    // on it must not trust its cache. It listens again after a back-off of a quarter second,
    // so the change below is usually made while it cannot hear, and must be served either way.
    const since = Date.now();
    while ((await busOnB()) === 'listening') {
      if (Date.now() - since > 5_000) throw new Error('node B did not notice the lost connection');
      await pause(5);
    }
    await call(a, 'PATCH', path, { name: 'Missed' }, steward);
    expect((await call(b, 'GET', path, undefined, steward)).json.name).toBe('Missed');
    // It listens again (with back-off), and still serves the change, then later ones too.
    const back = Date.now();
    while ((await busOnB()) !== 'listening') {
      if (Date.now() - back > 5_000) throw new Error('node B did not listen again');
      await pause(50);
    }
    const listening = await admin.query(
      'select 1 from pg_stat_activity where application_name = $1',
      [busApplicationName(b.process.pid)],
    );
    expect(listening.rows).toHaveLength(1);
    expect((await call(b, 'GET', path, undefined, steward)).json.name).toBe('Missed');
    await call(a, 'PATCH', path, { name: 'Heard' }, steward);
    await pause(300);
    expect((await call(b, 'GET', path, undefined, steward)).json.name).toBe('Heard');
  } finally {
    await admin.end();
  }
});

it('closes a live socket on the other node when the person is removed or signs out', async () => {
  const seeded = await seedLiveMeeting(a.url, 3, 'ends');
  const [steward, second, third] = seeded.cookies as [string, string, string];
  // Both members are connected to node B; the changes are made on node A.
  const onB = await connectLive(b.url, seeded.meetingId, second);
  const alsoOnB = await connectLive(b.url, seeded.meetingId, third);
  const within = async (client: LiveClient) => {
    const started = Date.now();
    const result = await Promise.race([client.closed, pause(1000).then(() => null)]);
    expect(result, 'closed within a second').not.toBeNull();
    return { ...(result as { code: number }), ms: Date.now() - started };
  };
  await call(
    a,
    'DELETE',
    `/api/groups/${seeded.groupId}/members/${seeded.userIds[1]}`,
    undefined,
    steward,
  );
  expect((await within(onB)).code).toBe(LIVE_CLOSE.access_ended);
  await call(a, 'POST', '/api/auth/logout', undefined, third);
  expect((await within(alsoOnB)).code).toBe(LIVE_CLOSE.signed_out);
});

it('tells a space page on one node of a post made through the other, and only where it may be read', async () => {
  const seeded = await seedLiveMeeting(a.url, 2, 'pg-space');
  const [steward, member] = seeded.cookies as [string, string];
  // A facilitator in a staff role, on node B.
  const staff = await call(a, 'POST', '/api/auth/signup', {
    email: `pg-space-staff-${Date.now()}@example.org`,
    password: 'a long staff phrase here',
    displayName: 'Visiting facilitator',
  });
  const staffCookie = staff.cookie as string;
  const invite = await call(
    a,
    'POST',
    `/api/groups/${seeded.groupId}/invites`,
    { role: 'facilitator' },
    steward,
  );
  expect(
    (
      await call(
        b,
        'POST',
        `/api/invites/${invite.json.token}/accept`,
        { confirm: true },
        staffCookie,
      )
    ).status,
  ).toBe(200);
  const memberOnB = await connectSpace(b.url, seeded.groupId, member);
  const staffOnB = await connectSpace(b.url, seeded.groupId, staffCookie);
  const post = (space: string, title: string) =>
    call(
      a,
      'POST',
      `/api/groups/${seeded.groupId}/space/threads`,
      { space, kind: 'share', wants: 'listening', title, body: 'Across nodes.' },
      steward,
    );
  const peers = (await post('peers', 'Members only')).json;
  const shared = (await post('everyone', 'Everyone')).json;
  await memberOnB.waitFor((m) => m.type === 'thread' && m.threadId === peers.threadId, 10_000);
  await staffOnB.waitFor((m) => m.type === 'thread' && m.threadId === shared.threadId, 10_000);
  expect(staffOnB.messages.some((m) => m.type === 'thread' && m.threadId === peers.threadId)).toBe(
    false,
  );
  // Read through node B, the thread is there at once.
  const read = await call(b, 'GET', `/api/space/threads/${peers.threadId}`, undefined, member);
  expect(read.json.posts[0].html).toBe('<p>Across nodes.</p>\n');
  await Promise.all([memberOnB.close(), staffOnB.close()]);
});

it('relays call signals between people on different nodes, offers larger than NOTIFY carries', async () => {
  const seeded = await seedLiveMeeting(a.url, 2, 'nodecall');
  const [one, two] = (await Promise.all(
    seeded.cookies.map((cookie, i) => connectLive((i % 2 ? b : a).url, seeded.meetingId, cookie)),
  )) as [LiveClient, LiveClient];
  for (const c of [one, two]) {
    await c.command({ type: 'join' });
    expect((await c.command({ type: 'callJoin', camera: false })).ok).toBe(true);
  }
  const [oneId, twoId] = seeded.userIds as [string, string];
  for (const c of [one, two]) {
    const now = c.room();
    if (now && Object.keys(now.call).length === 2) continue;
    await c.waitFor((m) => m.type === 'state' && Object.keys(m.room.call).length === 2, 10_000);
  }
  // Well past the 8,000 bytes a NOTIFY payload may hold.
  const sdp = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\r\n'.repeat(200)}`;
  one.ws.send(
    JSON.stringify({
      v: LIVE_PROTOCOL_VERSION,
      type: 'signal',
      to: twoId,
      signal: { description: { type: 'offer', sdp } },
    }),
  );
  const got = await two.waitFor((m) => m.type === 'signal', 10_000);
  expect(got).toMatchObject({ from: oneId, signal: { description: { type: 'offer', sdp } } });
  two.ws.send(
    JSON.stringify({
      v: LIVE_PROTOCOL_VERSION,
      type: 'signal',
      to: oneId,
      signal: { candidate: null },
    }),
  );
  expect(await one.waitFor((m) => m.type === 'signal', 10_000)).toMatchObject({
    from: twoId,
    signal: { candidate: null },
  });
  await Promise.all([one.close(), two.close()]);
});
