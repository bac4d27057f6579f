/**
 * Recording the call: the consent round over the live socket, each person's slices uploaded
 * (safe to send twice), one track per person for members to download, erasing one's own, and
 * the group's retention. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TRACK_BYTES } from '../../core/protocol/recordings';
import { expireRecordings } from '../../server/services/recordings/expireRecordings';
import { circleOfFour, joinLive, liveApp, type Person, untilRoom } from '../helpers/liveCircle';
import { PASSWORD } from '../helpers/testApp';
import { WEBM_HEADER as HEADER, webmCluster } from '../helpers/webm';

const { t, open, base } = await liveApp();

// A take of three clusters, sliced at the clusters as MediaRecorder might.
const slices = [
  Buffer.from([...HEADER, ...webmCluster(0, 5)]),
  Buffer.from(webmCluster(100, 5)),
  Buffer.from(webmCluster(200, 5)),
];

function put(person: Person, url: string, body: Buffer, type = 'audio/webm') {
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { cookie: person.cookie ?? '', 'content-type': type },
    payload: body,
  });
}

/** Ann, Ben and Cal in the session and the call; Ann asks to record and everyone agrees. */
async function recorded(tag: string) {
  const c = await circleOfFour(t, tag);
  const clients = await Promise.all(
    [c.ann, c.ben, c.cal].map((p) => joinLive(base(), p, c.meetingId, open)),
  );
  const [a, b, k] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
  for (const client of clients) {
    expect((await client.command({ type: 'callJoin', camera: false })).ok).toBe(true);
  }
  expect((await a.command({ type: 'recordAsk' })).ok).toBe(true);
  const asking = await untilRoom(b, (r) => r.recording?.status === 'asking');
  expect(asking.recording).toMatchObject({ askedBy: c.ann.id, agreed: [c.ann.id] });
  expect((await b.command({ type: 'recordAnswer', agree: true })).ok).toBe(true);
  expect((await k.command({ type: 'recordAnswer', agree: true })).ok).toBe(true);
  const on = await untilRoom(a, (r) => r.recording?.status === 'on');
  const recordingId = on.recording?.id ?? '';
  const track = (p: Person) =>
    `/api/meetings/${c.meetingId}/recordings/${recordingId}/tracks/${p.id}`;
  return { ...c, a, b, k, recordingId, track };
}

describe('a recording', () => {
  it('is not there for a meeting whose session never opened', async () => {
    const c = await circleOfFour(t, 'Never');
    const list = await c.ann.get(`/api/meetings/${c.meetingId}/recordings`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ recordings: [], canDownload: true, retentionDays: 30 });
    const url = `/api/meetings/${c.meetingId}/recordings/r1/tracks/${c.ann.id}`;
    expect((await c.ann.get(url)).statusCode).toBe(404);
    expect((await put(c.ann, `${url}/slices/0`, slices[0] as Buffer)).statusCode).toBe(404);
    expect((await c.ann.delete(url)).statusCode).toBe(404);
  });

  it('starts when everyone present agrees, and does not when one says no', async () => {
    const c = await circleOfFour(t, 'Declined');
    const [a, b] = await Promise.all(
      [c.ann, c.ben].map((p) => joinLive(base(), p, c.meetingId, open)),
    );
    if (!a || !b) throw new Error('no clients');
    expect((await a.command({ type: 'callJoin', camera: false })).ok).toBe(true);
    expect((await a.command({ type: 'recordAsk' })).ok).toBe(true);
    expect((await b.command({ type: 'recordAnswer', agree: false })).ok).toBe(true);
    const room = await untilRoom(a, (r) => r.recordingEnded?.status === 'declined');
    expect(room.recording).toBeNull();
    // Nothing was recorded, so nothing can be uploaded.
    const url = `/api/meetings/${c.meetingId}/recordings/${room.recordingEnded?.id}/tracks/${c.ann.id}/slices/0`;
    expect((await put(c.ann, url, slices[0] as Buffer)).statusCode).toBe(404);
  });

  it('takes each person’s slices once, however often they are sent, and gives one track', async () => {
    const r = await recorded('Slices');
    for (const [seq, slice] of slices.entries()) {
      const first = await put(r.ben, `${r.track(r.ben)}/slices/${seq}`, slice);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ seq, stored: true });
    }
    // A device that lost the answer sends it again: stored once.
    const again = await put(r.ben, `${r.track(r.ben)}/slices/1`, slices[1] as Buffer);
    expect(again.json()).toEqual({ seq: 1, stored: false });
    // Other bytes under the same number are refused, not stored.
    const other = await put(r.ben, `${r.track(r.ben)}/slices/1`, slices[2] as Buffer);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('recording.slice_conflict');

    // Only one's own track; not as JSON; not empty.
    expect(
      (await put(r.ann, `${r.track(r.ben)}/slices/9`, slices[1] as Buffer)).json().error.code,
    ).toBe('recording.not_yours');
    const json = await t.app.inject({
      method: 'PUT',
      url: `${r.track(r.ben)}/slices/9`,
      headers: { cookie: r.ben.cookie ?? '', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect((await put(r.ben, `${r.track(r.ben)}/slices/9`, Buffer.alloc(0))).statusCode).toBe(400);
    // Dee was not there: not recorded.
    expect(
      (await put(r.dee, `${r.track(r.dee)}/slices/0`, slices[0] as Buffer)).json().error.code,
    ).toBe('recording.not_recorded');
    // Too large.
    expect(
      (await put(r.ben, `${r.track(r.ben)}/slices/9`, Buffer.alloc(600 * 1024, 1))).statusCode,
    ).toBe(413);

    const list = (await r.dee.get(`/api/meetings/${r.meetingId}/recordings`)).json();
    expect(list.canDownload).toBe(true);
    expect(list.retentionDays).toBe(30);
    const tracks = list.recordings[0].tracks;
    expect(tracks.map((x: { userId: string }) => x.userId).sort()).toEqual(
      [r.ann.id, r.ben.id, r.cal.id].sort(),
    );
    expect(tracks.find((x: { userId: string }) => x.userId === r.ben.id)).toMatchObject({
      slices: 3,
      erased: false,
    });

    const download = await r.dee.get(r.track(r.ben));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('audio/webm');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="/);
    const bytes = download.rawPayload;
    // The header as it came, then the clusters (their timecodes written afresh).
    expect(bytes.subarray(0, HEADER.length)).toEqual(Buffer.from(HEADER));
    expect(bytes.length).toBe(Number(download.headers['content-length']));
    expect(bytes.length).toBeGreaterThan(Buffer.concat(slices).length - 10);
    // A track holds so much and no more.
    await put(r.cal, `${r.track(r.cal)}/slices/0`, slices[0] as Buffer);
    await t.deps.db
      .updateTable('recording_tracks')
      .set({ bytes: MAX_TRACK_BYTES })
      .where('user_id', '=', r.cal.id)
      .execute();
    expect((await put(r.cal, `${r.track(r.cal)}/slices/1`, slices[1] as Buffer)).statusCode).toBe(
      413,
    );
    // Nothing of Ann's arrived: nothing to download yet.
    expect((await r.dee.get(r.track(r.ann))).statusCode).toBe(404);
  });

  it('is for members to download; someone outside the group cannot see it', async () => {
    const r = await recorded('Members');
    await put(r.cal, `${r.track(r.cal)}/slices/0`, slices[0] as Buffer);
    const stranger = await t.signUp('Stranger Members');
    expect((await stranger.get(`/api/meetings/${r.meetingId}/recordings`)).statusCode).toBe(404);
    expect((await stranger.get(r.track(r.cal))).statusCode).toBe(404);
    expect((await r.ann.get(r.track(r.cal))).statusCode).toBe(200);
  });

  it('can be erased by the person it records, and then takes nothing more of theirs', async () => {
    const r = await recorded('Erase');
    await put(r.cal, `${r.track(r.cal)}/slices/0`, slices[0] as Buffer);
    expect((await r.ann.delete(r.track(r.cal))).json().error.code).toBe('recording.not_yours');
    expect((await r.cal.get('/api/me/recordings')).json().items).toHaveLength(1);
    const erased = await r.cal.delete(r.track(r.cal));
    expect(erased.statusCode).toBe(204);
    const list = (await r.cal.get(`/api/meetings/${r.meetingId}/recordings`)).json();
    expect(
      list.recordings[0].tracks.find((x: { userId: string }) => x.userId === r.cal.id),
    ).toMatchObject({ erased: true, slices: 0 });
    expect((await r.cal.get('/api/me/recordings')).json().items).toEqual([]);
    expect((await r.ann.get(r.track(r.cal))).statusCode).toBe(404);
    const late = await put(r.cal, `${r.track(r.cal)}/slices/1`, slices[1] as Buffer);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('recording.erased');
    // Erasing again changes nothing.
    expect((await r.cal.delete(r.track(r.cal))).statusCode).toBe(204);
  });

  it('follows the group’s retention, changed later or not', async () => {
    const r = await recorded('Retention');
    await put(r.ben, `${r.track(r.ben)}/slices/0`, slices[0] as Buffer);
    const setting = await r.ann.patch(`/api/groups/${r.groupId}`, { recordingRetentionDays: 8 });
    expect(setting.statusCode).toBe(400);
    expect(
      (await r.ann.patch(`/api/groups/${r.groupId}`, { recordingRetentionDays: 7 })).statusCode,
    ).toBe(200);
    expect((await r.ann.get(`/api/groups/${r.groupId}`)).json().recordingRetentionDays).toBe(7);
    const before = t.clock.now;
    try {
      t.clock.now = new Date(before.getTime() + 6 * 86_400_000);
      expect(await expireRecordings(t.deps)).toBe(0);
      t.clock.now = new Date(before.getTime() + 8 * 86_400_000);
      expect(await expireRecordings(t.deps)).toBeGreaterThanOrEqual(1);
      // A week on, everyone signs in again.
      for (const p of [r.ann, r.ben] as (Person & { email?: string })[]) {
        await p.post('/api/auth/login', { email: p.email, password: PASSWORD });
      }
      const list = await r.ann.get(`/api/meetings/${r.meetingId}/recordings`);
      expect(list.json().recordings, list.body).toEqual([]);
      const late = await put(r.ben, `${r.track(r.ben)}/slices/1`, slices[1] as Buffer);
      expect(late.json().error.code).toBe('recording.expired');
    } finally {
      t.clock.now = before;
    }
  });

  it('can still be erased by someone who has left the group, and goes with an erased account', async () => {
    const r = await recorded('Left');
    await put(r.ben, `${r.track(r.ben)}/slices/0`, slices[0] as Buffer);
    await put(r.cal, `${r.track(r.cal)}/slices/0`, slices[0] as Buffer);
    // Ben leaves the group: he no longer sees its meetings, and still finds his own voice.
    const left = await r.ben.delete(`/api/groups/${r.groupId}/members/${r.ben.id}`);
    expect(left.statusCode, left.body).toBeLessThan(300);
    expect((await r.ben.get(`/api/meetings/${r.meetingId}/recordings`)).statusCode).toBe(404);
    const mine = (await r.ben.get('/api/me/recordings')).json().items;
    expect(mine).toMatchObject([{ meetingId: r.meetingId, recordingId: r.recordingId }]);
    expect((await r.ben.delete(r.track(r.ben))).statusCode).toBe(204);
    expect((await r.ann.get(r.track(r.ben))).statusCode).toBe(404);
    // Someone never recorded cannot erase anything, nor learn it is there.
    expect((await r.dee.delete(r.track(r.dee))).statusCode).toBe(404);

    // Cal closes his account, and fourteen days on it is erased: so is his voice.
    expect((await r.cal.post('/api/me/close', { password: PASSWORD })).statusCode).toBe(204);
    const { eraseClosedAccounts } = await import('../../server/services/accounts/closeAccount');
    const before = t.clock.now;
    try {
      t.clock.now = new Date(before.getTime() + 15 * 86_400_000);
      expect(await eraseClosedAccounts(t.deps)).toBeGreaterThanOrEqual(1);
      const ann = r.ann as Person & { email?: string };
      await ann.post('/api/auth/login', { email: ann.email, password: PASSWORD });
      expect((await ann.get(r.track(r.cal))).statusCode).toBe(404);
      const list = (await ann.get(`/api/meetings/${r.meetingId}/recordings`)).json();
      expect(
        list.recordings[0].tracks.find((x: { userId: string }) => x.userId === r.cal.id),
      ).toMatchObject({
        erased: true,
      });
    } finally {
      t.clock.now = before;
    }
  });
});
