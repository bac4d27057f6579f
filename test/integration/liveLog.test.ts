/**
 * A live room between its whole saves (decision 022) is read back from its last save and the
 * commands logged since, by everything that reads a room: the room's own next change after the
 * node forgot it, the record of who spoke, a person's export of their data, and the erasure of
 * their account.
 */
import { describe, expect, it } from 'vitest';
import { findRoom, lockRoom } from '../../server/db/queries/liveRooms';
import { PERSONAL_TABLES } from '../../server/db/queries/personalData';
import { readRoom, saveHeldRooms, writtenRoom } from '../../server/live/rooms';
import { eraseClosedAccounts } from '../../server/services/accounts/closeAccount';
import { circleOfFour, joinLive, liveApp, untilRoom } from '../helpers/liveCircle';
import type { LiveClient } from '../helpers/liveClient';
import { PASSWORD } from '../helpers/testApp';

const EVERY = 4;
const { t, open, base } = await liveApp({ env: { LIVE_SAVE_EVERY: String(EVERY) } });
const MIN = 60_000;

async function stored(meetingId: string) {
  return t.deps.db
    .selectFrom('live_rooms')
    .select(['version', 'saved_version', 'state'])
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
}

describe('a room carried by its log', () => {
  it('reads back as the very room the node holds, and is saved whole every few changes', async () => {
    const { ann, ben, cal, meetingId } = await circleOfFour(t, 'Logged');
    const a = await joinLive(base(), ann, meetingId, open);
    const b = await joinLive(base(), ben, meetingId, open);
    const c = await joinLive(base(), cal, meetingId, open);
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 3);
    expect((await a.command({ type: 'setOrder', mode: 'random' })).ok).toBe(true);
    // The session starts (saved whole), then turns, choices and hands only go to the log.
    expect((await a.command({ type: 'startPhase', index: 1 })).ok).toBe(true);
    const started = await stored(meetingId);
    expect(started.saved_version).toBe(started.version);
    const versions: number[] = [];
    const people: LiveClient[] = [a, b, c];
    for (let i = 0; i < EVERY * 2 + 1; i++) {
      const ack = await people[i % 3]?.command({ type: 'hand', raised: i % 6 < 3 });
      expect(ack?.ok, JSON.stringify(ack)).toBe(true);
      versions.push(ack?.version ?? 0);
      const row = await stored(meetingId);
      expect(row.version).toBe(ack?.version);
      expect(row.version - row.saved_version).toBeLessThan(EVERY);
      // Whoever reads it gets the room the node holds, to the last detail.
      const held = writtenRoom(t.deps, meetingId, row.version)?.state;
      expect(held).toBeDefined();
      expect((await findRoom(t.deps.db, meetingId))?.state).toEqual(held);
    }
    expect(new Set(versions).size).toBe(versions.length);
    const last = await stored(meetingId);
    expect(last.saved_version).toBeGreaterThan(started.version);
    expect(last.saved_version).toBeLessThan(last.version);
    // A server stopping on purpose saves whole the rooms it holds.
    await saveHeldRooms(t.deps);
    const saved = await stored(meetingId);
    expect(saved.saved_version).toBe(last.version);
    expect((await findRoom(t.deps.db, meetingId))?.state).toEqual(
      writtenRoom(t.deps, meetingId, last.version)?.state,
    );
  });

  it('keeps the record of who spoke, the export and the erasure whole', async () => {
    const { ann, ben, cal, dee, meetingId } = await circleOfFour(t, 'Erased');
    const a = await joinLive(base(), ann, meetingId, open);
    const b = await joinLive(base(), ben, meetingId, open);
    await joinLive(base(), cal, meetingId, open);
    await joinLive(base(), dee, meetingId, open);
    await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 4);
    expect((await a.command({ type: 'startPhase', index: 1 })).ok).toBe(true);
    // Ben takes a turn of three minutes: both ends of it are only in the log.
    expect((await a.command({ type: 'startTurn', speakerId: ben.id })).ok).toBe(true);
    t.clock.advance(3 * MIN);
    expect((await a.command({ type: 'endTurn' })).ok).toBe(true);
    const row = await stored(meetingId);
    expect(row.saved_version).toBeLessThan(row.version);
    expect((await readRoom(t.deps, meetingId))?.spokenMs[ben.id]).toBe(3 * MIN);

    // Ben's record and his own export count the turn.
    const record = (await ben.get(`/api/meetings/${meetingId}/speaking`)).json();
    expect(record.you).toMatchObject({ spokenMs: 3 * MIN });
    const sessions = PERSONAL_TABLES.find((x) => x.file === 'live-sessions.csv');
    const exported = await sessions?.rows(t.deps.db, ben.id, { offset: 0, limit: 10 });
    expect(exported).toEqual([expect.objectContaining({ seconds_spoken: 180 })]);

    // Ben closes his account; fourteen days on, it is erased, with the room still in the log.
    expect((await ben.post('/api/me/close', { password: PASSWORD })).statusCode).toBe(204);
    await b.close();
    t.clock.advance(15 * 24 * 60 * MIN);
    expect(await eraseClosedAccounts(t.deps)).toBe(1);
    const erased = await stored(meetingId);
    expect(erased.saved_version).toBe(erased.version);
    expect(erased.state).not.toContain('Ben Erased');
    const room = await readRoom(t.deps, meetingId);
    expect(room?.participants.find((p) => p.userId === ben.id)?.name).toBe('Former member');
    expect(room?.spokenMs[ben.id]).toBe(3 * MIN);
    // Its next change starts from the erased room, not from the one this node held.
    const next = await t.deps.db
      .transaction()
      .execute((trx) =>
        lockRoom(trx, meetingId, (version) => writtenRoom(t.deps, meetingId, version)),
      );
    expect(next?.state.participants.map((p) => p.name)).not.toContain('Ben Erased');
  });
});
