/**
 * Small groups in a real Hearth process: chosen, started, each a room of its own; and their
 * end comes on time even when the node running them is killed with SIGKILL, from the node
 * that comes back (the deadline is in the database, not in a timer of the dead process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RoomView } from '../../core/protocol/live';
import { endBreakoutsSoon } from '../helpers/breakouts';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { type RunningNode, spawnNode } from '../helpers/spawnNode';
import { createTestDatabase } from '../helpers/testDatabase';

const database = await createTestDatabase(
  path.join(mkdtempSync(path.join(tmpdir(), 'hearth-breakouts-')), 'hearth.sqlite'),
);
const env: Record<string, string> =
  database.database.kind === 'postgres'
    ? { DATABASE_URL: database.database.url }
    : { DATA_DIR: path.dirname(database.database.file) };
const started: RunningNode[] = [];
const open: LiveClient[] = [];
async function start(): Promise<RunningNode> {
  const running = await spawnNode({ ...env, WEB_DIST_DIR: '/nonexistent' });
  started.push(running);
  return running;
}
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await Promise.all(started.map((n) => n.stop()));
  await database.drop();
});

async function settled(client: LiveClient, check: (room: RoomView) => boolean) {
  const now = client.room();
  if (now && check(now)) return now;
  await client.waitFor((m) => m.type === 'state' && check(m.room), 15_000);
  return client.room() as RoomView;
}

it('runs chosen small groups as rooms of their own, and ends them on time after SIGKILL', async () => {
  let node = await start();
  const seeded = await seedLiveMeeting(node.url, 4, 'breakouts');
  const clients = await Promise.all(
    seeded.cookies.map((cookie) => connectLive(node.url, seeded.meetingId, cookie)),
  );
  open.push(...clients);
  for (const c of clients) await c.command({ type: 'join' });
  await settled(
    clients[0] as LiveClient,
    (r) => r.participants.filter((p) => p.present).length === 4,
  );
  const facilitatorId = (clients[0] as LiveClient).room()?.facilitatorId ?? '';
  const fi = seeded.userIds.indexOf(facilitatorId);
  const f = clients[fi] as LiveClient;
  const others = clients.filter((c) => c !== f);

  expect((await f.command({ type: 'startPhase', index: 2 })).ok).toBe(true);
  expect(
    await f.command({
      type: 'proposeBreakouts',
      mode: 'choose',
      size: 2,
      minutes: 10,
      names: ['Garden', 'Kitchen'],
      facilitatorJoins: true,
    }),
  ).toMatchObject({ ok: true });
  // Two choose the Garden; the third finds it full and takes the Kitchen.
  expect((await (others[0] as LiveClient).command({ type: 'chooseGroup', groupId: 'g1' })).ok).toBe(
    true,
  );
  expect((await (others[1] as LiveClient).command({ type: 'chooseGroup', groupId: 'g1' })).ok).toBe(
    true,
  );
  expect(
    await (others[2] as LiveClient).command({ type: 'chooseGroup', groupId: 'g1' }),
  ).toMatchObject({
    ok: false,
    refusal: 'group_full',
  });
  expect((await (others[2] as LiveClient).command({ type: 'chooseGroup', groupId: 'g2' })).ok).toBe(
    true,
  );
  expect((await f.command({ type: 'startBreakouts' })).ok).toBe(true);
  const room = await settled(f, (r) => r.breakouts?.status === 'running');
  // The facilitator never chose: they were dealt into the group with room.
  expect(room.breakouts?.groups.map((g) => g.members.length)).toEqual([2, 2]);
  // Inside the Garden: its own turns, its own equal split.
  const garden = others[0] as LiveClient;
  expect((await garden.command({ type: 'inGroup', command: { type: 'startTurn' } })).ok).toBe(true);
  const inside = await settled(garden, (r) => r.breakouts?.groups[0]?.room?.turn !== null);
  // Ten minutes between two (less the moment since the group started).
  const share = inside.breakouts?.groups[0]?.room?.turn?.shareMs ?? 0;
  expect(share).toBeGreaterThan(290_000);
  expect(share).toBeLessThanOrEqual(300_000);
  expect(inside.breakouts?.groups[1]?.room?.turn).toBeNull();

  // The node dies with the groups under way; their end is moved near; another node starts.
  await endBreakoutsSoon(database.database, seeded.meetingId, 3_000);
  await node.stop('SIGKILL');
  node = await start();
  const back = await connectLive(node.url, seeded.meetingId, seeded.cookies[1] as string);
  open.push(back);
  await back.command({ type: 'join' });
  // Without anyone doing anything: the warning, then everyone back in the main room.
  const after = await settled(back, (r) => r.breakouts === null);
  expect(after.lastBreakouts?.groups.map((g) => g.name)).toEqual(['Garden', 'Kitchen']);
  expect(after.lastBreakouts?.groups.flatMap((g) => g.members).sort()).toEqual(
    [...seeded.userIds].sort(),
  );
  // The Garden's speaker's time is in the main record, in the small-groups part.
  const speaker = inside.breakouts?.groups[0]?.room?.turn?.speakerId as string;
  expect(after.spokenMs[speaker]).toBeGreaterThan(0);
});
