/**
 * A group of four members (Ann, Ben, Cal, Dee) with a meeting in ten minutes, on an in-process
 * test app, and joining its live session: what the session's own integration tests start from.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { RoomView, ServerMessage } from '../../core/protocol/live';
import { connectLive, type LiveClient } from './liveClient';
import { oneOnlineMeeting } from './oneMeeting';
import { type Client, createTestApp, type TestApp } from './testApp';

export type Person = Client & { id: string };

/** Four members and a meeting in ten minutes; Ann made the group and planned it. */
export async function circleOfFour(t: TestApp, tag: string) {
  const ann = await t.signUp(`Ann ${tag}`);
  const group = (
    await ann.post('/api/groups', { name: `${tag} circle`, visibility: 'invite_only' })
  ).json();
  const invite = (await ann.post(`/api/groups/${group.id}/invites`, {})).json();
  const others: Person[] = [];
  for (const name of ['Ben', 'Cal', 'Dee']) {
    const p = await t.signUp(`${name} ${tag}`);
    await p.post(`/api/invites/${invite.token}/accept`, { confirm: true });
    others.push(p);
  }
  const [ben, cal, dee] = others as [Person, Person, Person];
  const planned = (
    await ann.post(`/api/groups/${group.id}/meetings`, oneOnlineMeeting(10 * 60_000))
  ).json();
  return {
    ann,
    ben,
    cal,
    dee,
    groupId: group.id as string,
    meetingId: planned.upcoming[0].id as string,
  };
}

/** Connects and joins; the client is added to `open`, for the file to close at the end. */
export async function joinLive(
  base: string,
  person: Person,
  meetingId: string,
  open: LiveClient[],
): Promise<LiveClient> {
  const client = await connectLive(base, meetingId, person.cookie);
  open.push(client);
  const ack = await client.command({ type: 'join' });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return client;
}

/** Waits until this client has been sent a room that passes the check. */
export async function untilRoom(
  client: LiveClient,
  check: (room: RoomView) => boolean,
): Promise<RoomView> {
  const current = client.room();
  if (current && check(current)) return current;
  const m = await client.waitFor((x) => x.type === 'state' && check(x.room));
  return (m as Extract<ServerMessage, { type: 'state' }>).room;
}

/**
 * A test app listening on a real port for the file's live sessions, its clock at now; the
 * sockets opened go in `open` and are closed, and the app with them, when the file ends.
 */
export async function liveApp(
  options?: Parameters<typeof createTestApp>[0],
): Promise<{ t: TestApp; open: LiveClient[]; base: () => string }> {
  const t = await createTestApp(options);
  const open: LiveClient[] = [];
  let base = '';
  beforeAll(async () => {
    t.clock.now = new Date();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    await t.close();
  });
  return { t, open, base: () => base };
}
