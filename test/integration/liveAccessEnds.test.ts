/**
 * Access that ends, ends in the live room too: someone removed from the group, someone who
 * leaves it, a group that adjourns, signing out and ending a session from another device each
 * close that person's live socket at once, with a close code the web app explains; and a
 * client speaking another protocol version is told to reload. On SQLite and PostgreSQL.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIVE_CLOSE } from '../../core/protocol/live';
import { advanceLifecycles } from '../../server/services/lifecycle/advanceLifecycles';
import { connectLive, type LiveClient, liveUrl } from '../helpers/liveClient';
import { oneOnlineMeeting } from '../helpers/oneMeeting';
import { type Client, createTestApp, PASSWORD } from '../helpers/testApp';

const t = await createTestApp();
let base = '';
const HOUR = 3_600_000;

beforeAll(async () => {
  t.clock.now = new Date();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

type Person = Client & { id: string; email: string };

async function meeting(options: { plannedMeetings?: number; startsInMs?: number } = {}) {
  const ann = await t.signUp('Ann');
  const group = (
    await ann.post('/api/groups', {
      name: 'Closing circle',
      visibility: 'invite_only',
      ...(options.plannedMeetings ? { plannedMeetings: options.plannedMeetings } : {}),
    })
  ).json();
  const invite = (await ann.post(`/api/groups/${group.id}/invites`, {})).json();
  const ben = await t.signUp('Ben');
  await ben.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  const planned = (
    await ann.post(`/api/groups/${group.id}/meetings`, oneOnlineMeeting(options.startsInMs ?? HOUR))
  ).json();
  return { ann, ben, groupId: group.id as string, meetingId: planned.upcoming[0].id as string };
}

const connect = (person: Person, meetingId: string) => connectLive(base, meetingId, person.cookie);

/** The close a socket gets, or a failure if it does not come within a second. */
async function closedWithin(client: LiveClient, ms = 1000) {
  const started = Date.now();
  const result = await Promise.race([
    client.closed,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
  ]);
  expect(result, 'the socket should have closed within a second').not.toBeNull();
  return { ...(result as { code: number; reason: string }), ms: Date.now() - started };
}

/** Whether someone is present in the room as this client last saw it (after a moment). */
async function presentIn(client: LiveClient, userId: string) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return client.room()?.participants.find((p) => p.userId === userId)?.present ?? false;
}

describe('access that ends closes the live socket', () => {
  it('when a steward removes the member, who is then gone from the room at once', async () => {
    const { ann, ben, groupId, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    const b = await connect(ben, meetingId);
    const removed = await ann.delete(`/api/groups/${groupId}/members/${ben.id}`);
    expect(removed.statusCode).toBe(204);
    expect(await closedWithin(b)).toMatchObject({
      code: LIVE_CLOSE.access_ended,
      reason: 'access_ended',
    });
    expect(await presentIn(a, ben.id)).toBe(false);
    // And the door stays shut.
    await expect(connect(ben, meetingId)).rejects.toMatchObject({ status: 404 });
    await a.close();
  });

  it('when the member leaves the group', async () => {
    const { ann, ben, groupId, meetingId } = await meeting();
    const b = await connect(ben, meetingId);
    await ben.delete(`/api/groups/${groupId}/members/${ben.id}`);
    expect((await closedWithin(b)).code).toBe(LIVE_CLOSE.access_ended);
    await ann.post('/api/auth/logout');
  });

  it('when the person signs out, or ends the session from another device', async () => {
    const { ben, meetingId } = await meeting();
    const b = await connect(ben, meetingId);
    await ben.post('/api/auth/logout');
    expect(await closedWithin(b)).toMatchObject({
      code: LIVE_CLOSE.signed_out,
      reason: 'signed_out',
    });

    // Signed in twice: ending the phone's session from the laptop closes the phone's socket.
    const signIn = async () => {
      const device = t.newClient();
      const response = await device.post('/api/auth/login', {
        email: ben.email,
        password: PASSWORD,
      });
      expect(response.statusCode).toBe(200);
      return Object.assign(device, { id: ben.id, email: ben.email });
    };
    const laptop = await signIn();
    const phone = await signIn();
    const onPhone = await connect(phone, meetingId);
    const sessions = (await laptop.get('/api/me/sessions')).json().items as {
      id: string;
      current: boolean;
    }[];
    const other = sessions.filter((s) => !s.current);
    for (const s of other) await laptop.delete(`/api/me/sessions/${s.id}`);
    expect((await closedWithin(onPhone)).code).toBe(LIVE_CLOSE.signed_out);
  });

  it('when the meeting is cancelled', async () => {
    const { ann, ben, meetingId } = await meeting();
    const b = await connect(ben, meetingId);
    await ann.post(`/api/meetings/${meetingId}/cancel`, { note: 'The hall is closed' });
    expect(await closedWithin(b)).toMatchObject({
      code: LIVE_CLOSE.meeting_cancelled,
      reason: 'meeting_cancelled',
    });
  });

  it('when the group adjourns', async () => {
    // One planned meeting, already begun: the group reviews itself and decides to adjourn.
    const { ann, ben, groupId, meetingId } = await meeting({
      plannedMeetings: 1,
      startsInMs: 60_000,
    });
    const b = await connect(ben, meetingId);
    t.clock.now = new Date(Date.now() + 2 * 60_000);
    await advanceLifecycles(t.deps);
    expect((await ann.get(`/api/groups/${groupId}`)).json().stage).toBe('review');
    const proposed = await ann.post(`/api/groups/${groupId}/review`, { option: 'adjourn' });
    expect(proposed.statusCode).toBe(200);
    const agreed = await ben.put(`/api/decisions/${proposed.json().openReview.id}/response`, {
      response: 'agree',
    });
    expect(agreed.json().status).toBe('adopted');
    expect((await closedWithin(b)).code).toBe(LIVE_CLOSE.access_ended);
    t.clock.now = new Date();
  });
});

describe('protocol versions', () => {
  it('tells a client of another protocol version to reload', async () => {
    const { ann, meetingId } = await meeting();
    const ws = new WebSocket(liveUrl(base, meetingId, 1), {
      headers: { cookie: ann.cookie ?? '', origin: base },
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed).toEqual({ code: LIVE_CLOSE.outdated, reason: 'outdated' });
  });
});
