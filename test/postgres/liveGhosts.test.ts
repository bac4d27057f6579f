/**
 * Two nodes on PostgreSQL: the node people are connected to is killed and never comes back.
 * The other node marks them gone once their grace period ends; nobody stays "present" for
 * ever.
 */
import { afterAll, expect, it } from 'vitest';
import type { RoomView } from '../../core/protocol/live';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { type RunningNode, spawnNode } from '../helpers/spawnNode';
import { createTestDatabase } from '../helpers/testDatabase';

const database = await createTestDatabase();
if (database.database.kind !== 'postgres') throw new Error('this suite needs PostgreSQL');
const env = {
  DATABASE_URL: database.database.url,
  LIVE_GRACE_SECONDS: '1',
  WEB_DIST_DIR: '/nonexistent',
};
const nodes: RunningNode[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await database.drop();
});

async function until(client: LiveClient, check: (room: RoomView) => boolean): Promise<RoomView> {
  const now = client.room();
  if (now && check(now)) return now;
  await client.waitFor((m) => m.type === 'state' && check(m.room), 15_000);
  return client.room() as RoomView;
}

it('settles the people of a dead node on the node that lives', async () => {
  const [a, b] = await Promise.all([spawnNode(env), spawnNode(env)]);
  nodes.push(a, b);
  const seeded = await seedLiveMeeting(a.url, 3, 'pg-ghosts');
  // The first person is on node B; the other two on node A, which dies.
  const onB = await connectLive(b.url, seeded.meetingId, seeded.cookies[0] as string);
  const onA = await Promise.all(
    seeded.cookies.slice(1).map((cookie) => connectLive(a.url, seeded.meetingId, cookie)),
  );
  await until(onB, (r) => r.participants.filter((p) => p.present).length === 3);
  a.process.kill('SIGKILL');
  await new Promise((resolve) => a.process.once('exit', resolve));
  for (const client of onA) client.ws.terminate();
  const room = await until(onB, (r) => r.participants.filter((p) => p.present).length === 1);
  expect(room.participants.find((p) => p.present)?.userId).toBe(seeded.userIds[0]);
  await onB.close();
});
