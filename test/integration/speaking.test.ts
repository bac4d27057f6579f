/**
 * The fair record of who spoke, end to end: the timekeeper's control, the nudge that only the
 * facilitator hears, the after-session record (each person their own numbers, the group's
 * picture with nobody named), and check-out reflections kept as each person chose.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { SpeakingRecordView } from '../../core/protocol/speaking';
import { circleOfFour, joinLive, liveApp, type Person, untilRoom } from '../helpers/liveCircle';
import type { LiveClient } from '../helpers/liveClient';

const { t, open, base: baseUrl } = await liveApp();
const MIN = 60_000;

const nudges = (client: LiveClient) => client.messages.filter((m) => m.type === 'nudge');

/** Waits until the last nudge this client was sent says `suggest`. */
async function told(client: LiveClient, suggest: 'round' | null) {
  const last = () => nudges(client).at(-1) as { suggest: string | null } | undefined;
  if (last()?.suggest === suggest) return;
  await client.waitFor((m) => m.type === 'nudge' && m.suggest === suggest);
}

describe('in open discussion', () => {
  it('keeps who spoke, and tells the facilitator alone when a round would help', async () => {
    const { ann, ben, cal, dee, meetingId } = await circleOfFour(t, 'Speaking');
    const a = await joinLive(baseUrl(), ann, meetingId, open);
    const others = [
      await joinLive(baseUrl(), ben, meetingId, open),
      await joinLive(baseUrl(), cal, meetingId, open),
    ];
    others.push(await joinLive(baseUrl(), dee, meetingId, open));
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 4);
    // The default agenda's third part is open discussion in small groups.
    expect((await a.command({ type: 'startPhase', index: 2 })).ok).toBe(true);
    // Only the facilitator (or the rota's timekeeper) marks who speaks.
    expect(await others[0]?.command({ type: 'speaking', userId: ben.id })).toMatchObject({
      ok: false,
      refusal: 'not_timekeeper',
    });
    expect((await a.command({ type: 'speaking', userId: ben.id })).ok).toBe(true);
    const room = await untilRoom(others[1] as LiveClient, (r) => r.speaking?.userId === ben.id);
    expect(room.speaking).toMatchObject({ userId: ben.id });

    // Ben talks for six minutes; then Cal for one. Ben's share is far past twice the fair share.
    t.clock.advance(6 * MIN);
    expect((await a.command({ type: 'speaking', userId: cal.id })).ok).toBe(true);
    await told(a, 'round');
    // A round starts (check-out): no longer open discussion, so the nudge is withdrawn.
    t.clock.advance(MIN);
    expect((await a.command({ type: 'startPhase', index: 5 })).ok).toBe(true);
    await told(a, null);
    // Nobody else was ever told.
    await untilRoom(others[2] as LiveClient, (r) => r.phaseIndex === 5);
    for (const client of others) expect(nudges(client)).toEqual([]);

    // The record: each person their own numbers; the group's shape with nobody named.
    const record = (
      await ben.get(`/api/meetings/${meetingId}/speaking`)
    ).json() as SpeakingRecordView;
    expect(record.session).toBe('running');
    expect(record.you).toMatchObject({ spokenMs: 6 * MIN, lateMinutes: 0 });
    expect(record.group).toMatchObject({ people: 4, totalMs: 7 * MIN, members: 4, late: 0 });
    expect(record.group.shares.map((s) => [s.spokenMs, s.you])).toEqual([
      [0, false],
      [0, false],
      [MIN, false],
      [6 * MIN, true],
    ]);
    // Ben spoke six of seven minutes among four: most of the time was one voice.
    expect(record.group.equality).toMatchObject({ words: 'very_uneven', largestOverFair: 3.43 });
    // Across the group's sessions: Ben's own time, the group's equality, no names.
    expect(record.history).toEqual([
      expect.objectContaining({ meetingId, people: 4, yourMs: 6 * MIN, unaskedAdvice: 0 }),
    ]);
    expect(record.parts).toEqual([
      { id: 'small-groups', title: 'Small groups', spokenMs: 7 * MIN },
      { id: 'check-out', title: 'Check-out round', spokenMs: 0 },
    ]);
    const text = JSON.stringify(record);
    for (const [p, name] of [
      [ann, 'Ann Speaking'],
      [cal, 'Cal Speaking'],
      [dee, 'Dee Speaking'],
    ] as const) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(name);
    }
  });
});

describe('check-out reflections', () => {
  it('are kept as each person chose: only me, or the group with their name', async () => {
    const { ann, ben, cal, dee, meetingId, groupId } = await circleOfFour(t, 'Speaking');
    const a = await joinLive(baseUrl(), ann, meetingId, open);
    await joinLive(baseUrl(), ben, meetingId, open);
    await joinLive(baseUrl(), cal, meetingId, open);
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 3);
    const put = (p: Person, body: object) => p.put(`/api/meetings/${meetingId}/reflection`, body);

    expect((await put(ben, { words: 'Lighter.', rating: 4, shared: true })).statusCode).toBe(200);
    expect(
      (await put(cal, { words: 'Tired, but heard.', rating: null, shared: false })).statusCode,
    ).toBe(200);
    // Sending the same again changes nothing but the time: still one reflection each.
    const again = await put(ben, { words: 'Lighter.', rating: 4, shared: true });
    expect(again.json().reflection).toMatchObject({ words: 'Lighter.', rating: 4, shared: true });

    const seenByAnn = (await ann.get(`/api/meetings/${meetingId}/speaking`)).json();
    expect(seenByAnn.sharedReflections).toEqual([
      { userId: ben.id, name: 'Ben Speaking', words: 'Lighter.', rating: 4 },
    ]);
    expect(JSON.stringify(seenByAnn)).not.toContain('Tired, but heard.');
    const seenByCal = (await cal.get(`/api/meetings/${meetingId}/speaking`)).json();
    expect(seenByCal.reflection).toMatchObject({ words: 'Tired, but heard.', shared: false });

    // Dee never came in: nothing to reflect on. Bad input loses nothing and says why.
    const dees = await put(dee, { words: 'Hello', rating: null, shared: false });
    expect(dees.statusCode).toBe(409);
    expect(dees.json().error.code).toBe('reflection.not_there');
    for (const bad of [
      { words: '', rating: null, shared: false },
      { words: 'x'.repeat(281), rating: null, shared: false },
      { words: 'ok', rating: 6, shared: false },
      { words: 'ok', rating: null },
    ]) {
      expect((await put(ben, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await ben.get(`/api/meetings/${meetingId}/speaking`)).json().reflection.words).toBe(
      'Lighter.',
    );

    // Taking it back removes it for everyone.
    expect((await ben.delete(`/api/meetings/${meetingId}/reflection`)).statusCode).toBe(200);
    expect((await ann.get(`/api/meetings/${meetingId}/speaking`)).json().sharedReflections).toEqual(
      [],
    );

    // An outsider reads nothing of it.
    const outsider = await t.signUp('Outsider Speaking');
    expect((await outsider.get(`/api/meetings/${meetingId}/speaking`)).statusCode).toBe(404);
    expect(groupId).toBeTruthy();
  });

  it('are in the person’s export', async () => {
    const { ann, ben, meetingId } = await circleOfFour(t, 'Speaking');
    const a = await joinLive(baseUrl(), ann, meetingId, open);
    await joinLive(baseUrl(), ben, meetingId, open);
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 2);
    await ben.put(`/api/meetings/${meetingId}/reflection`, {
      words: 'A good evening, "truly", thanks',
      rating: 5,
      shared: false,
    });
    const response = await ben.get('/api/me/export');
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-export-'));
    writeFileSync(path.join(dir, 'export.zip'), response.rawPayload);
    execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir });
    const text = readFileSync(path.join(dir, 'out', 'reflections.csv'), 'utf8');
    expect(parse(text, { bom: true, columns: true })).toEqual([
      expect.objectContaining({
        group: 'Speaking circle',
        words: 'A good evening, "truly", thanks',
        rating: '5',
        shared: 'no',
      }),
    ]);
  });
});
