/**
 * The observer: everyone sees who observes; the notes are read by the observer and the
 * meeting's facilitator and by nobody else, over HTTP or the socket; the timeline carries
 * them only for those two; the codebook is the group's.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RoomView } from '../../core/protocol/live';
import { circleOfFour, joinLive, liveApp, type Person, untilRoom } from '../helpers/liveCircle';
import type { LiveClient } from '../helpers/liveClient';

const { t, open, base: baseUrl } = await liveApp();
const MIN = 60_000;
const SECRET = 'Ben looked away when money came up';

const note = (over: object = {}) => ({
  code: 'Non-verbal',
  text: SECRET,
  partId: null,
  people: [] as string[],
  startsAt: Date.now(),
  endsAt: null,
  span: false,
  ...over,
});

describe('the observer’s notes', () => {
  it('are read by the observer and the facilitator only, never over the socket', async () => {
    const { ann, ben, cal, dee, meetingId } = await circleOfFour(t, 'Observed');
    const clients = [
      await joinLive(baseUrl(), ann, meetingId, open),
      await joinLive(baseUrl(), ben, meetingId, open),
      await joinLive(baseUrl(), cal, meetingId, open),
      await joinLive(baseUrl(), dee, meetingId, open),
    ];
    const [a] = clients as [LiveClient];
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 4);
    // The facilitator names Dee the observer: everyone sees who observes.
    expect((await a.command({ type: 'setObserver', userId: dee.id })).ok).toBe(true);
    for (const client of clients) await untilRoom(client, (r) => r.observerId === dee.id);

    // Only the observer starts notes.
    const id = randomUUID();
    const url = `/api/meetings/${meetingId}/notes/${id}`;
    expect((await ben.put(url, note())).statusCode).toBe(403);
    const made = await dee.put(url, note({ people: [ben.id], partId: 'check-in' }));
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({
      id,
      code: 'Non-verbal',
      text: SECRET,
      people: [{ userId: ben.id, name: 'Ben Observed' }],
      authorName: 'Dee Observed',
    });
    // Sent again (a retry from a flaky connection): still one note.
    expect((await dee.put(url, note({ people: [ben.id], partId: 'check-in' }))).statusCode).toBe(
      200,
    );
    // A span: started, then ended.
    const span = `/api/meetings/${meetingId}/notes/${randomUUID()}`;
    const started = Date.now();
    expect(
      (
        await dee.put(
          span,
          note({ code: 'Theme', text: 'Money worries', span: true, startsAt: started }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await dee.put(
          span,
          note({
            code: 'Theme',
            text: 'Money worries',
            span: true,
            startsAt: started,
            endsAt: started + 2 * MIN,
          }),
        )
      ).json(),
    ).toMatchObject({ span: true, endsAt: started + 2 * MIN });

    // Nobody else may change or read them.
    expect((await ben.put(url, note({ text: 'rewritten' }))).statusCode).toBe(403);
    expect((await ben.delete(url)).statusCode).toBe(403);
    for (const p of [ben, cal]) {
      const r = await p.get(`/api/meetings/${meetingId}/notes`);
      expect(r.statusCode).toBe(403);
      expect(r.body).not.toContain(SECRET);
    }
    const outsider = await t.signUp('Outsider Observed');
    expect((await outsider.get(`/api/meetings/${meetingId}/notes`)).statusCode).toBe(404);
    expect((await t.anon.get(`/api/meetings/${meetingId}/notes`)).statusCode).toBe(401);

    // The observer reads their own; the facilitator reads all.
    const own = (await dee.get(`/api/meetings/${meetingId}/notes`)).json();
    expect(own.scope).toBe('own');
    expect(own.notes.map((n: { text: string }) => n.text)).toEqual([SECRET, 'Money worries']);
    const all = (await ann.get(`/api/meetings/${meetingId}/notes`)).json();
    expect(all.scope).toBe('all');
    expect(all.notes).toHaveLength(2);

    // The timeline: notes for those two only.
    const forBen = (await ben.get(`/api/meetings/${meetingId}/timeline`)).json();
    expect(forBen.withNotes).toBe(false);
    expect(JSON.stringify(forBen)).not.toContain(SECRET);
    expect(forBen.entries.map((e: { kind: string }) => e.kind)).toContain('observer');
    const forAnn = (await ann.get(`/api/meetings/${meetingId}/timeline`)).json();
    expect(forAnn.withNotes).toBe(true);
    expect(forAnn.entries.filter((e: { kind: string }) => e.kind === 'note')).toHaveLength(2);
    const csv = await ann.get(`/api/meetings/${meetingId}/timeline/csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.kind === 'note' && r.text === SECRET)).toMatchObject({
      who: 'Ben Observed',
      code: 'Non-verbal',
      part: 'Check-in round',
    });
    expect(rows.find((r) => r.kind === 'joined')).toMatchObject({ who: 'Ann Observed' });
    expect((await ben.get(`/api/meetings/${meetingId}/timeline/csv`)).body).not.toContain(SECRET);

    // The role moves on: Dee still reads what she wrote, but starts no new notes.
    expect((await a.command({ type: 'setObserver', userId: cal.id })).ok).toBe(true);
    expect((await dee.get(`/api/meetings/${meetingId}/notes`)).json().notes).toHaveLength(2);
    expect(
      (await dee.put(`/api/meetings/${meetingId}/notes/${randomUUID()}`, note())).statusCode,
    ).toBe(403);
    expect(
      (
        await cal.put(
          `/api/meetings/${meetingId}/notes/${randomUUID()}`,
          note({ text: 'Cal’s own' }),
        )
      ).statusCode,
    ).toBe(200);
    // Cal reads only Cal's.
    expect(
      (await cal.get(`/api/meetings/${meetingId}/notes`))
        .json()
        .notes.map((n: { text: string }) => n.text),
    ).toEqual(['Cal’s own']);

    // Nothing of any note ever went over anyone's socket.
    for (const client of clients) {
      expect(JSON.stringify(client.messages)).not.toContain(SECRET);
      expect(JSON.stringify(client.messages)).not.toContain('Money worries');
    }

    // Someone who asks not to be observed cannot be named in a note.
    const calClient = clients[2] as LiveClient;
    expect((await calClient.command({ type: 'consentToObservation', consent: false })).ok).toBe(
      true,
    );
    await untilRoom(a, (r) => r.observationConsent[cal.id] === 'no');
    const named = await cal.put(
      `/api/meetings/${meetingId}/notes/${randomUUID()}`,
      note({ people: [cal.id] }),
    );
    expect(named.statusCode).toBe(400);
    expect(named.json().error.message).toContain('Cal Observed asked not to be observed');

    // Bad input: a stranger named, an unknown part, a span ending before it starts.
    const bad = `/api/meetings/${meetingId}/notes/${randomUUID()}`;
    expect((await cal.put(bad, note({ people: [outsider.id] }))).statusCode).toBe(400);
    expect((await cal.put(bad, note({ partId: 'nowhere' }))).statusCode).toBe(400);
    expect(
      (await cal.put(bad, note({ span: true, startsAt: 5_000, endsAt: 1_000 }))).statusCode,
    ).toBe(400);
    expect((await cal.put(bad, note({ text: 'x'.repeat(1001) }))).statusCode).toBe(400);
    expect((await cal.put(`/api/meetings/${meetingId}/notes/not-a-uuid`, note())).statusCode).toBe(
      400,
    );

    // Two saves of one note at once (a span started and ended in a moment): one note, and
    // the later change wins.
    const quick = `/api/meetings/${meetingId}/notes/${randomUUID()}`;
    const both = await Promise.all([
      cal.put(quick, note({ text: 'quick', span: true, startsAt: 10_000 })),
      cal.put(quick, note({ text: 'quick', span: true, startsAt: 10_000, endsAt: 12_000 })),
    ]);
    expect(
      both.map((r) => r.statusCode),
      both.map((r) => r.body).join('\n'),
    ).toEqual([200, 200]);

    // Taking a note back.
    expect((await dee.delete(url)).statusCode).toBe(204);
    expect((await ann.get(`/api/meetings/${meetingId}/notes`)).json().notes).toHaveLength(3);
  });
});

describe('a focus group', () => {
  it('asks everyone whether they agree to be observed, as soon as its agenda is chosen', async () => {
    const { ann, ben, meetingId } = await circleOfFour(t, 'Focus');
    const a = await joinLive(baseUrl(), ann, meetingId, open);
    const b = await joinLive(baseUrl(), ben, meetingId, open);
    expect((await a.command({ type: 'useTemplate', templateId: 'focus-group' })).ok).toBe(true);
    const room = await untilRoom(b, (r) => r.consentAsked);
    expect(room.phases[0]?.title).toBe('Welcome and consent');
    expect((await b.command({ type: 'consentToObservation', consent: true })).ok).toBe(true);
    await untilRoom(a, (r) => r.observationConsent[ben.id] === 'yes');
    // Another agenda does not ask (the facilitator still can).
    expect((await a.command({ type: 'useTemplate', templateId: 'peer-support' })).ok).toBe(true);
    await untilRoom(b, (r) => !r.consentAsked);
  });
});

describe('a small group’s own notes', () => {
  it('are its people’s, and everyone’s only when all of them chose to share', async () => {
    const { ann, ben, cal, dee, meetingId } = await circleOfFour(t, 'Observed');
    const people = [ann, ben, cal, dee];
    const clients: LiveClient[] = [];
    for (const p of people) clients.push(await joinLive(baseUrl(), p, meetingId, open));
    const a = clients[0] as LiveClient;
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 4);
    expect(
      (
        await a.command({
          type: 'proposeBreakouts',
          mode: 'deal',
          size: 2,
          minutes: 10,
          facilitatorJoins: true,
        })
      ).ok,
    ).toBe(true);
    expect((await a.command({ type: 'startBreakouts' })).ok).toBe(true);
    const room = await untilRoom(a, (r) => r.breakouts?.status === 'running');
    const b = room.breakouts as NonNullable<RoomView['breakouts']>;
    const [one, two] = b.groups as [(typeof b.groups)[number], (typeof b.groups)[number]];
    const person = (id: string) => people.find((p) => p.id === id) as Person;
    const clientOf = (id: string) => clients[people.indexOf(person(id))] as LiveClient;
    const url = (g: { id: string }) =>
      `/api/meetings/${meetingId}/small-groups/${b.id}/${g.id}/notes`;
    const [x, y] = one.members.map(person) as [Person, Person];
    const [z] = two.members.map(person) as [Person];

    expect((await x.put(url(one), { text: 'Sleep, and asking for help.' })).statusCode).toBe(200);
    expect((await z.put(url(two), { text: 'Kept between us.' })).statusCode).toBe(200);
    // Only its people read or write it while it runs.
    expect((await z.get(url(one))).statusCode).toBe(404);
    expect((await z.put(url(one), { text: 'intruding' })).statusCode).toBe(404);
    expect((await y.get(url(one))).json()).toMatchObject({
      text: 'Sleep, and asking for help.',
      canEdit: true,
      shared: false,
    });
    // Everyone in the first group agrees to share; the second does not.
    for (const id of one.members) {
      expect((await clientOf(id).command({ type: 'shareNotes', share: true })).ok).toBe(true);
    }
    expect((await a.command({ type: 'endBreakouts' })).ok).toBe(true);
    await untilRoom(a, (r) => r.breakouts === null);

    for (const p of people) {
      const read = await p.get(url(one));
      expect(read.json()).toMatchObject({
        text: 'Sleep, and asking for help.',
        shared: true,
        canEdit: false,
      });
    }
    const outside = people.find((p) => !two.members.includes(p.id)) as Person;
    expect((await outside.get(url(two))).statusCode).toBe(404);
    expect((await z.get(url(two))).json()).toMatchObject({
      text: 'Kept between us.',
      shared: false,
    });
    // Once back, nobody writes them any more.
    expect((await z.put(url(two), { text: 'late' })).statusCode).toBe(403);
    // Never over the socket.
    for (const c of clients) expect(JSON.stringify(c.messages)).not.toContain('Kept between us.');
  });
});

describe('the codebook', () => {
  it('starts with five codes and is the stewards’ to change', async () => {
    const { ann, ben, groupId } = await circleOfFour(t, 'Observed');
    const book = (await ben.get(`/api/groups/${groupId}/codebook`)).json();
    expect(book).toMatchObject({ canEdit: false });
    expect(book.codes.map((c: { label: string }) => c.label)).toEqual([
      'Interaction',
      'Non-verbal',
      'Emotion',
      'Theme',
      'Quote',
    ]);
    const codes = [
      { key: 'w', label: 'Warmth' },
      { key: 'a', label: 'Advice' },
    ];
    expect((await ben.put(`/api/groups/${groupId}/codebook`, { codes })).statusCode).toBe(403);
    const changed = await ann.put(`/api/groups/${groupId}/codebook`, { codes });
    expect(changed.json()).toEqual({ codes, canEdit: true });
    const twice = [
      { key: 'w', label: 'Warmth' },
      { key: 'w', label: 'Worry' },
    ];
    const refused = await ann.put(`/api/groups/${groupId}/codebook`, { codes: twice });
    expect(refused.statusCode).toBe(400);
    expect((await ben.get(`/api/groups/${groupId}/codebook`)).json().codes).toEqual(codes);
  });
});
