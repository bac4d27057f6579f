/**
 * The call's signalling over the live socket: relayed only between two people present in the
 * same session and both in its call; anything else is dropped, and malformed signals refused.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_PROTOCOL_VERSION, type ServerMessage } from '../../core/protocol/live';
import { circleOfFour, joinLive, liveApp, untilRoom } from '../helpers/liveCircle';
import type { LiveClient } from '../helpers/liveClient';

const { t, open, base } = await liveApp({
  env: { TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'sixteen-chars-secret' },
});

const offer = { description: { type: 'offer', sdp: `v=0\r\n${'a=x\r\n'.repeat(3000)}` } };
const signal = (client: LiveClient, to: string, body: unknown) =>
  client.ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'signal', to, signal: body }));
const signals = (client: LiveClient) =>
  client.frames.filter((m): m is Extract<ServerMessage, { type: 'signal' }> => m.type === 'signal');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('call signals', () => {
  it('go between two people in the call, and nowhere else', async () => {
    const c = await circleOfFour(t, 'Signals');
    const [ann, ben, cal] = await Promise.all(
      [c.ann, c.ben, c.cal].map((p) => joinLive(base(), p, c.meetingId, open)),
    );
    const [a, b, k] = [ann, ben, cal] as [LiveClient, LiveClient, LiveClient];
    // Nobody is in the call yet: nothing goes.
    signal(a, c.ben.id, offer);
    await settle();
    expect(signals(b)).toEqual([]);

    for (const client of [a, b]) {
      expect((await client.command({ type: 'callJoin', camera: false })).ok).toBe(true);
    }
    await untilRoom(a, (r) => Object.keys(r.call).length === 2);
    // An offer larger than NOTIFY could carry goes through, with who sent it.
    signal(a, c.ben.id, offer);
    const got = await b.next(
      (m): m is Extract<ServerMessage, { type: 'signal' }> => m.type === 'signal',
    );
    expect(got).toMatchObject({ from: c.ann.id, signal: offer });
    signal(b, c.ann.id, {
      candidate: {
        candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    });
    await a.waitFor((m) => m.type === 'signal' && m.from === c.ben.id);

    // Cal is in the session but not in the call: neither to nor from Cal.
    signal(a, c.cal.id, offer);
    signal(k, c.ann.id, offer);
    // Someone not in the session at all: Dee.
    signal(a, c.dee.id, offer);
    // Nor to oneself.
    signal(a, c.ann.id, offer);
    await settle();
    expect(signals(k)).toEqual([]);
    expect(signals(a).filter((m) => m.from !== c.ben.id)).toEqual([]);

    // Ben leaves the call: signals to him stop.
    await b.command({ type: 'callLeave' });
    await untilRoom(a, (r) => Object.keys(r.call).length === 1);
    const before = signals(b).length;
    signal(a, c.ben.id, offer);
    await settle();
    expect(signals(b).length).toBe(before);
  });

  it('refuses a malformed signal, and gives TURN credentials for this person', async () => {
    const c = await circleOfFour(t, 'Malformed');
    const a = await joinLive(base(), c.ann, c.meetingId, open);
    for (const body of [
      {},
      { description: { type: 'offer', sdp: 'v=0' }, candidate: null },
      { description: { type: 'hello', sdp: 'v=0' } },
      { description: { type: 'offer', sdp: 'x'.repeat(40_000) } },
    ]) {
      signal(a, c.ben.id, body);
      await a.waitFor((m) => m.type === 'error' && m.code === 'bad_message');
      a.frames.length = 0;
      a.messages.length = 0;
    }
    a.ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'ice' }));
    const ice = await a.next((m): m is Extract<ServerMessage, { type: 'ice' }> => m.type === 'ice');
    expect(ice.relay).toBe(true);
    expect(ice.iceServers[0]?.urls).toEqual(['turn:127.0.0.1:3478']);
    expect(ice.iceServers[0]?.username).toMatch(new RegExp(`^\\d+:${c.ann.id}$`));
  });
});
