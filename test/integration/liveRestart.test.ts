/**
 * A real Hearth process is killed with SIGKILL in the middle of a turn and started again on
 * the same data: the room comes back exactly, and clients that reconnect get it whole.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RoomView } from '../../core/protocol/live';
import { openDatabase } from '../../server/db/client';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { type RunningNode, spawnNode } from '../helpers/spawnNode';
import { createTestDatabase } from '../helpers/testDatabase';

const database = await createTestDatabase(
  path.join(mkdtempSync(path.join(tmpdir(), 'hearth-live-')), 'hearth.sqlite'),
);
const env: Record<string, string> =
  database.database.kind === 'postgres'
    ? { DATABASE_URL: database.database.url }
    : { DATA_DIR: path.dirname(database.database.file) };
let node: RunningNode | undefined;
/** Every node started, so none outlives the file (each test starts its own). */
const started: RunningNode[] = [];
async function start(extra: Record<string, string>): Promise<RunningNode> {
  const running = await spawnNode({ ...env, ...extra });
  started.push(running);
  return running;
}
afterAll(async () => {
  await Promise.all(started.map((n) => n.stop()));
  await database.drop();
});

/**
 * The room once it passes `check`. These tests start and kill whole processes while the other
 * test files run beside them; what they check is what the room comes to, so they wait longer
 * than the usual five seconds before calling it missing.
 */
async function settled(client: LiveClient, check: (room: RoomView) => boolean) {
  const now = client.room();
  if (now && check(now)) return now;
  await client.waitFor((m) => m.type === 'state' && check(m.room), 15_000);
  return client.room() as RoomView;
}

/** Saved whole every so many changes (decision 022), on both databases: the log carries the rest. */
const logged = { WEB_DIST_DIR: '/nonexistent', LIVE_SAVE_EVERY: '32' };

it('comes back exactly after SIGKILL mid-turn', async () => {
  node = await start(logged);
  const seeded = await seedLiveMeeting(node.url, 3, 'restart');
  const clients = await Promise.all(
    seeded.cookies.map((cookie) =>
      connectLive((node as RunningNode).url, seeded.meetingId, cookie),
    ),
  );
  await settled(
    clients[0] as LiveClient,
    (r) => r.participants.filter((p) => p.present).length === 3,
  );
  const facilitatorId = (clients[0] as LiveClient).room()?.facilitatorId;
  const f = clients[seeded.userIds.indexOf(facilitatorId ?? '')] as LiveClient;
  const others = clients.filter((c) => c !== f);
  expect((await f.command({ type: 'startPhase', index: 1 })).ok).toBe(true);
  expect((await f.command({ type: 'startTurn' })).ok).toBe(true);
  await f.command({ type: 'endTurn' });
  expect((await f.command({ type: 'startTurn' })).ok).toBe(true);
  // The third person chooses how to use their turn while the second speaks.
  const chose = await (others[0] as LiveClient).command({
    type: 'choose',
    choice: { mode: 'coaching', feedbackFrom: null, focus: 'Next steps' },
  });
  const before = await settled(f, (r) => r.version >= chose.version);
  expect(before.turn).not.toBeNull();

  node.process.kill('SIGKILL');
  await new Promise((resolve) => node?.process.once('exit', resolve));
  // The turns were not saved whole: the room is read back from its last save and its log.
  const { db, close } = await openDatabase(database.database);
  const row = await db
    .selectFrom('live_rooms')
    .select(['version', 'saved_version'])
    .where('meeting_id', '=', seeded.meetingId)
    .executeTakeFirstOrThrow();
  await close();
  expect(row.version).toBe(before.version);
  expect(row.saved_version).toBeLessThan(row.version);
  node = await start(logged);

  const back = await connectLive(node.url, seeded.meetingId, seeded.cookies[0] as string);
  const room = back.room() as RoomView;
  // Phase, speaker, queue and the turn's timing (so the time left) are as they were.
  expect(room.phaseIndex).toBe(before.phaseIndex);
  expect(room.phaseStartedAt).toBe(before.phaseStartedAt);
  expect(room.phaseEndsAt).toBe(before.phaseEndsAt);
  expect(room.turn).toEqual(before.turn);
  expect(room.done).toEqual(before.done);
  expect(room.order).toEqual(before.order);
  expect(room.choices).toEqual(before.choices);
  expect(room.version).toBeGreaterThanOrEqual(before.version);
  await back.close();
  for (const client of clients) client.ws.terminate();
});

it('marks people on a killed node as gone once their grace ends, and keeps those who came back', async () => {
  const grace = { LIVE_GRACE_SECONDS: '1', WEB_DIST_DIR: '/nonexistent' };
  node = await start(grace);
  const seeded = await seedLiveMeeting(node.url, 3, 'ghosts');
  const clients = await Promise.all(
    seeded.cookies.map((cookie) =>
      connectLive((node as RunningNode).url, seeded.meetingId, cookie),
    ),
  );
  await settled(
    clients[0] as LiveClient,
    (r) => r.participants.filter((p) => p.present).length === 3,
  );

  node.process.kill('SIGKILL');
  await new Promise((resolve) => node?.process.once('exit', resolve));
  for (const client of clients) client.ws.terminate();
  node = await start(grace);

  // One person comes back at once; the other two never do.
  const back = await connectLive(node.url, seeded.meetingId, seeded.cookies[0] as string);
  const room = await settled(back, (r) => r.participants.filter((p) => p.present).length === 1);
  expect(room.participants.find((p) => p.present)?.userId).toBe(seeded.userIds[0]);
  // Still connected well past the grace period: the lease is renewed, so they stay.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const later = back.room() as RoomView;
  expect(later.participants.find((p) => p.userId === seeded.userIds[0])?.present).toBe(true);
  await back.close();
});
