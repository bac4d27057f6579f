import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../core/domain/live';
import { LIVE_PROTOCOL_VERSION, type RoomView, type ServerMessage } from '../../core/protocol/live';
import { ROOM_SCHEMA_VERSION } from '../../server/db/jsonColumns';
import { rewriteRoomState, saveRoom } from '../../server/db/queries/liveRooms';
import { readRoom } from '../../server/live/rooms';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { oneOnlineMeeting } from '../helpers/oneMeeting';
import { type Client, createTestApp } from '../helpers/testApp';

const t = await createTestApp();
let base = '';
const HOUR = 3_600_000;

beforeAll(async () => {
  // The clock is the real one here: the live room counts time with it.
  t.clock.now = new Date();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

type Person = Client & { id: string };

/** A group of three with one meeting starting now; Ann facilitates. */
async function meeting() {
  const ann = await t.signUp('Ann');
  const group = (
    await ann.post('/api/groups', { name: 'Live circle', visibility: 'invite_only' })
  ).json();
  const invite = (await ann.post(`/api/groups/${group.id}/invites`, {})).json();
  const ben = await t.signUp('Ben');
  const cal = await t.signUp('Cal');
  await ben.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  await cal.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  const planned = (
    await ann.post(`/api/groups/${group.id}/meetings`, oneOnlineMeeting(HOUR))
  ).json();
  const meetingId = planned.upcoming[0].id as string;
  return { ann, ben, cal, group, meetingId };
}

const connect = (person: Person, meetingId: string) => connectLive(base, meetingId, person.cookie);

const isState = (m: ServerMessage): m is Extract<ServerMessage, { type: 'state' }> =>
  m.type === 'state';

/** Waits until this client has been sent a room that passes the check. */
async function until(client: LiveClient, check: (room: RoomView) => boolean) {
  const current = client.room();
  if (current && check(current)) return current;
  const message = await client.waitFor((m) => isState(m) && check(m.room));
  return (message as Extract<ServerMessage, { type: 'state' }>).room;
}

describe('who may come in', () => {
  it('refuses the upgrade without a session, from another site, or for a non-member', async () => {
    const { meetingId } = await meeting();
    await expect(connectLive(base, meetingId, null)).rejects.toMatchObject({ status: 401 });
    const outsider = await t.signUp('Outsider');
    await expect(connectLive(base, meetingId, outsider.cookie)).rejects.toMatchObject({
      status: 404,
    });
    const { ann } = await meeting();
    await expect(
      connectLive(base, meetingId, ann.cookie, 'https://evil.example'),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('a session', () => {
  it('shows who is here, records arrivals, and runs a check-in round for everyone alike', async () => {
    const { ann, ben, cal, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    const b = await connect(ben, meetingId);
    const c = await connect(cal, meetingId);
    for (const client of [a, b, c]) {
      await until(client, (room) => room.participants.filter((p) => p.present).length === 3);
    }
    const room = a.room() as RoomView;
    expect(room.facilitatorId).toBe(ann.id);
    expect(room.phases[0]).toMatchObject({ id: 'check-in', kind: 'round' });
    const attendance = await t.deps.db
      .selectFrom('attendance')
      .select(['user_id', 'status'])
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(attendance.map((r) => r.user_id).sort()).toEqual([ann.id, ben.id, cal.id].sort());

    // Only the facilitator runs the agenda.
    const refused = await b.command({ type: 'startPhase', index: 0 });
    expect(refused).toMatchObject({ ok: false, refusal: 'not_facilitator' });

    // Ben chooses to pass before his turn; Ann starts the round.
    await b.command({
      type: 'choose',
      choice: { mode: 'feedback', feedbackFrom: null, focus: 'Sleep' },
    });
    expect((await a.command({ type: 'startPhase', index: 0 })).ok).toBe(true);
    expect((await a.command({ type: 'startTurn' })).ok).toBe(true);
    const speaking = await until(c, (r) => r.turn !== null);
    const phaseLeft = (speaking.phaseEndsAt ?? 0) - (speaking.turn?.startedAt ?? 0);
    expect(speaking.turn?.shareMs).toBe(Math.floor(phaseLeft / 3));
    // Everyone sees the same speaker, share and end time.
    for (const client of [a, b]) {
      const seen = await until(client, (r) => r.version >= speaking.version);
      expect(seen.turn).toEqual(speaking.turn);
    }

    // Hands wait while someone is listened to; the speaker ends their own turn.
    const hand = await c.command({ type: 'hand', raised: true });
    expect(hand.ok).toBe(false);
    await a.command({ type: 'endTurn' });
    const next = await a.command({ type: 'startTurn' });
    expect(next.ok).toBe(true);
    const bensTurn = await until(c, (r) => r.turn?.speakerId === ben.id);
    expect(bensTurn.turn?.choice).toMatchObject({ mode: 'feedback', focus: 'Sleep' });
    expect(bensTurn.turn?.responseMs).toBe(Math.floor((bensTurn.turn?.shareMs ?? 0) * 0.4));
    expect((await c.command({ type: 'hand', raised: true })).ok).toBe(true);
    expect((await a.command({ type: 'hand', raised: true })).ok).toBe(true);
    const hands = await until(b, (r) => r.hands.length === 2);
    expect(hands.hands.map((h) => h.userId)).toEqual([cal.id, ann.id]);
    await b.command({ type: 'endTurn' });
    await c.command({ type: 'pass' });
    const finished = await until(a, (r) => r.waiting.length === 0 && r.turn === null);
    expect(finished.done.sort()).toEqual([ann.id, ben.id, cal.id].sort());

    for (const client of [a, b, c]) await client.close();
  });

  it('keeps the place of someone whose connection drops, without disturbing the room', async () => {
    const { ann, ben, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    const b = await connect(ben, meetingId);
    const both = await until(a, (r) => r.participants.filter((p) => p.present).length === 2);
    b.ws.terminate();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Nothing was sent to the others: Ben is still here, within the grace period.
    expect(a.room()?.version).toBe(both.version);
    expect(a.room()?.participants.find((p) => p.userId === ben.id)?.present).toBe(true);
    const back = await connect(ben, meetingId);
    expect(back.room()?.version).toBe(both.version);
    await back.close();
    await a.close();
  });

  it('lets the facilitator choose an agenda before starting, and the group keeps it', async () => {
    const { ann, group, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    expect(a.room()?.templates.map((x) => x.id)).toContain('focus-group');
    expect((await a.command({ type: 'useTemplate', templateId: 'focus-group' })).ok).toBe(true);
    const chosen = await until(a, (r) => r.phases[0]?.id === 'welcome');
    expect(chosen.phases.reduce((n, p) => n + p.plannedMs, 0)).toBe(90 * 60_000);
    const row = await t.deps.db
      .selectFrom('groups')
      .select('session_template')
      .where('id', '=', group.id)
      .executeTakeFirst();
    expect(row?.session_template).toBe('focus-group');
    await a.command({ type: 'startPhase', index: 0 });
    const late = await a.command({ type: 'useTemplate', templateId: 'peer-support' });
    expect(late).toMatchObject({ ok: false });
    await a.close();
  });

  it('runs a session on the group’s own agenda when it has one', async () => {
    const { ann, group, meetingId } = await meeting();
    const agenda = [
      { title: 'Arriving', kind: 'round', minutes: 10, guide: 'How you are' },
      { title: 'Our topic', kind: 'open', minutes: 20, guide: '' },
    ];
    const bad = await ann.patch(`/api/groups/${group.id}`, {
      sessionAgenda: [{ title: '', kind: 'round', minutes: 0, guide: '' }],
    });
    expect(bad.statusCode).toBe(400);
    const saved = await ann.patch(`/api/groups/${group.id}`, { sessionAgenda: agenda });
    expect(saved.json().sessionAgenda).toEqual(agenda);
    const a = await connect(ann, meetingId);
    const room = a.room() as RoomView;
    // The group's own agenda has no name of its own: the web app calls it the group's agenda.
    expect(room.templates[0]).toEqual({ id: 'group', name: '' });
    expect(room.phases.map((p) => [p.title, p.kind, p.plannedMs / 60_000])).toEqual([
      ['Arriving', 'round', 30],
      ['Our topic', 'open', 60],
    ]);
    await a.close();
  });

  it('answers bad messages with an error and goes on; a retried command applies once', async () => {
    const { ann, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    a.ws.send('not json');
    await a.waitFor((m) => m.type === 'error' && m.code === 'bad_message');
    a.ws.send(
      JSON.stringify({
        v: LIVE_PROTOCOL_VERSION,
        type: 'command',
        id: 'short',
        command: { type: 'nope' },
      }),
    );
    await a.waitFor((m) => m.type === 'error' && m.code === 'bad_message');
    a.ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'ping', t: 123 }));
    const pong = (await a.waitFor((m) => m.type === 'pong')) as Extract<
      ServerMessage,
      { type: 'pong' }
    >;
    expect(pong.t).toBe(123);
    // The server's clock (the test's clock here), which clients measure their offset to.
    expect(pong.serverTime).toBe(t.deps.now().getTime());

    const first = await a.command({ type: 'hand', raised: true }, 'retry-0000001');
    const again = await a.command({ type: 'hand', raised: true }, 'retry-0000001');
    expect(again).toMatchObject({ ok: true, version: first.version });
    const events = await t.deps.db
      .selectFrom('live_events')
      .select('client_id')
      .where('meeting_id', '=', meetingId)
      .where('client_id', '=', 'retry-0000001')
      .execute();
    expect(events).toHaveLength(1);
    // Retried after the room moved on, where applying it again would change the room: still
    // answered as the first time, and not applied again.
    const lowered = await a.command({ type: 'hand', raised: false }, 'retry-0000002');
    const late = await a.command({ type: 'hand', raised: true }, 'retry-0000001');
    expect(late).toMatchObject({ ok: true, version: first.version });
    const room = await readRoom(t.deps, meetingId);
    expect(room?.version).toBe(lowered.version);
    // A room is saved only over the version it was made from: never from a stale one.
    const stale = { ...(room as RoomState), version: lowered.version - 1 };
    await expect(
      saveRoom(t.deps.db, meetingId, {
        state: { ...stale, version: lowered.version },
        updated_at: new Date().toISOString(),
        before: stale,
        whole: false,
      }),
    ).rejects.toThrow(/moved on/);
    expect((await readRoom(t.deps, meetingId))?.version).toBe(lowered.version);
    await a.close();
  });

  it('limits a flood of messages without dropping the connection', async () => {
    const { ann, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    for (let i = 0; i < 40; i++) {
      a.ws.send(
        JSON.stringify({
          v: LIVE_PROTOCOL_VERSION,
          type: 'command',
          id: `flood-${String(i).padStart(6, '0')}`,
          command: { type: 'hand', raised: i % 2 === 0 },
        }),
      );
    }
    await a.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
    // Pings count against the same limit: once it refills, the connection answers again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'ping', t: 1 }));
    await a.waitFor((m) => m.type === 'pong');
    await a.close();
  });

  it('limits floods of pings and resyncs like commands', async () => {
    const { ann, meetingId } = await meeting();
    for (const type of ['ping', 'resync'] as const) {
      const a = await connect(ann, meetingId);
      for (let i = 0; i < 60; i++) {
        a.ws.send(
          JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type, ...(type === 'ping' ? { t: i } : {}) }),
        );
      }
      await a.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
      await a.close();
    }
  });

  it('refuses a message with a NUL character as a bad message', async () => {
    const { ann, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    a.ws.send(
      JSON.stringify({
        v: LIVE_PROTOCOL_VERSION,
        type: 'command',
        id: 'nul-000001',
        command: {
          type: 'choose',
          choice: { mode: 'listen', feedbackFrom: null, focus: 'a\u0000b' },
        },
      }),
    );
    await a.waitFor((m) => m.type === 'error' && m.code === 'bad_message');
    await a.close();
  });
});

describe('stored rooms', () => {
  it('reads a room stored in the first shape (no schema, phases without guides) and stores it in the current one', async () => {
    const { ann, ben, meetingId } = await meeting();
    const a = await connect(ann, meetingId);
    await a.command({ type: 'join' });
    const current = await readRoom(t.deps, meetingId);
    if (!current) throw new Error('the room was not opened');
    // The room as the first version of Hearth stored it.
    const v1 = {
      ...current,
      phases: current.phases.map(({ guide: _guide, ...phase }) => phase),
    };
    await rewriteRoomState(t.deps.db, meetingId, JSON.stringify(v1));
    expect((await readRoom(t.deps, meetingId))?.phases.every((p) => p.guide === '')).toBe(true);

    const ack = await a.command({ type: 'hand', raised: true });
    expect(ack.ok).toBe(true);
    // The change is carried by the log over the room as stored in the first shape.
    expect((await readRoom(t.deps, meetingId))?.hands).toHaveLength(1);
    // Someone arriving saves the room whole, in the current shape.
    const b = await connect(ben, meetingId);
    await b.command({ type: 'join' });
    const stored = await t.deps.db
      .selectFrom('live_rooms')
      .select('state')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const saved = JSON.parse(stored.state);
    expect(saved.schema).toBe(ROOM_SCHEMA_VERSION);
    expect(saved.hands).toHaveLength(1);
    expect(saved.phases.every((p: { guide: string }) => p.guide === '')).toBe(true);
    await a.close();
    await b.close();
  });
});
