/**
 * Hearth's clients for `bench:live`, in a process of their own as the bare relay's are
 * (bench/bareClients.mjs): their own work and pauses (parsing, collecting garbage) then fall
 * on a process that does nothing else, and a process here may hold about 20,000 open files.
 * bench/live.ts starts it with HEARTH_BENCH_CLIENTS=1 and tells it over IPC:
 *   { type: 'open', url, rooms: [{ meetingId, cookies }], groups }  opens every socket (and, with
 *     groups, puts everyone in pairs)
 *   { type: 'drive', seconds, rate }  each room's first person changes the room `rate` times a
 *     second; every socket times each change's arrival; says `sent` when the last change is
 *     sent, then answers with the delays in ms, how busy this process was and the size of the
 *     last change
 *   { type: 'close' }                  closes them all and exits
 * `listen` is also used in-process, for the idle sockets.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { LIVE_PROTOCOL_VERSION, type LiveCommand } from '../core/protocol/live';
import { liveUrl } from '../test/helpers/liveClient';

export interface Room {
  meetingId: string;
  cookies: string[];
}

/** How many of a room's latest changes are timed (older ones have arrived everywhere). */
const KEEP_VERSIONS = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** This process's share of a core, from now until `share` is called. */
function clientsBusy(): { share(): number } {
  const [cpu0, t0] = [process.cpuUsage(), performance.now()];
  return {
    share: () => {
      const { user, system } = process.cpuUsage(cpu0);
      return (user + system) / 1000 / (performance.now() - t0);
    },
  };
}

/**
 * A plain live socket that can also send commands: it parses only what it must (answers, and
 * the version each change makes), as the bare server's sender does. Rooms are not followed.
 */
interface Driver {
  ws: WebSocket;
  meetingId: string;
  /** The newest version this socket has been told of. */
  version: number;
  /** Whether its hand is up now (each change turns it over). */
  raised: boolean;
  /** Answers still to come, by command id. */
  answers: Map<string, (ack: { ok: boolean; version: number; refusal?: string }) => void>;
  command(command: LiveCommand): Promise<{ ok: boolean; version: number; refusal?: string }>;
}

async function drive(base: string, meetingId: string, cookie: string): Promise<Driver> {
  const { ws, version } = await listen(base, meetingId, cookie);
  const answers: Driver['answers'] = new Map();
  return {
    ws,
    meetingId,
    version,
    raised: false,
    answers,
    command(command) {
      const id = randomUUID();
      ws.send(JSON.stringify({ v: LIVE_PROTOCOL_VERSION, type: 'command', id, command }));
      return new Promise((resolve) => answers.set(id, resolve));
    },
  };
}

const PATCH = Buffer.from('"type":"patch"');
const TO = Buffer.from('"to":');

/**
 * The version a patch brings, read from its head (`{"v":…,"type":"patch","from":…,"to":…`),
 * or -1 for any other message.
 */
function patchVersion(data: Buffer): number {
  const type = data.indexOf(PATCH);
  if (type < 0 || type > 16) return -1;
  const at = data.indexOf(TO, type);
  if (at < 0) return -1;
  let version = 0;
  let i = at + TO.length;
  for (; i < data.length; i++) {
    const digit = (data[i] as number) - 48;
    if (digit < 0 || digit > 9) break;
    version = version * 10 + digit;
  }
  return i === at + TO.length ? -1 : version;
}

/** The version a room message brings (a patch's `to`), or -1 for other messages. */
export function versionOf(message: {
  type: string;
  to?: number;
  room?: { version: number };
}): number {
  if (message.type === 'patch') return message.to ?? -1;
  if (message.type === 'state' || message.type === 'snapshot') return message.room?.version ?? -1;
  return -1;
}

/**
 * Hearth: each room's first person toggles a hand (in their small group, when the scenario
 * has them); everyone times the change's arrival. Also gives the size of the last change
 * sent, for the bare server to relay as much.
 */
export async function openHearth(base: string, rooms: Room[], groups = false) {
  // Every socket is plain (the driver parses its answers too): the clients' own work stays
  // small, as it is for the bare server, so what is measured is the server.
  const drivers: Driver[] = [];
  const listeners: { ws: WebSocket; meetingId: string }[] = [];
  let bytes = 0;
  let samples: number[] = [];
  // When each room's changes were sent, by the version they make; only the last few are kept
  // (a change has long arrived everywhere when its room is a few versions on), so this process
  // keeps little for its collector to trace, as the relay's does.
  const sentAt = new Map<string, Map<number, number>>();
  const sent = (meetingId: string) => {
    let versions = sentAt.get(meetingId);
    if (!versions) {
      versions = new Map();
      sentAt.set(meetingId, versions);
    }
    return versions;
  };
  // A change arrives as a patch (or, now and then, the whole room): time it by its version.
  // A patch's version is read from its first bytes and the rest is not parsed, as the relay's
  // clients read only their message's time: what is measured is the server, not this process's
  // parsing and collecting.
  const time = (meetingId: string, driver?: Driver) => (data: WebSocket.RawData) => {
    const buffer = data as Buffer;
    let version = patchVersion(buffer);
    if (version < 0) {
      const message = JSON.parse(buffer.toString());
      if (driver && message.type === 'ack') {
        driver.answers.get(message.id)?.(message);
        driver.answers.delete(message.id);
        return;
      }
      version = versionOf(message);
    }
    if (version < 0) return;
    if (driver) driver.version = Math.max(driver.version, version);
    bytes = buffer.length;
    const start = sentAt.get(meetingId)?.get(version);
    if (start === undefined) return;
    samples.push(performance.now() - start);
  };
  for (const room of rooms) {
    const [first, ...rest] = room.cookies;
    const driver = await drive(base, room.meetingId, first as string);
    driver.ws.on('message', time(room.meetingId, driver));
    drivers.push(driver);
    for (const cookie of rest) {
      const { ws } = await listen(base, room.meetingId, cookie);
      ws.on('message', time(room.meetingId));
      listeners.push({ ws, meetingId: room.meetingId });
    }
  }
  if (groups) {
    // Pairs for half an hour, everyone in one, the first person's pair started talking.
    for (const driver of drivers) {
      for (const command of [
        { type: 'startPhase', index: 2 },
        {
          type: 'proposeBreakouts',
          mode: 'deal',
          size: 2,
          minutes: 30,
          facilitatorJoins: true,
        },
        { type: 'startBreakouts' },
      ] as const) {
        const ack = await driver.command(command);
        if (!ack.ok) throw new Error(`${command.type} refused: ${ack.refusal}`);
      }
    }
    await sleep(1000);
  }
  return {
    /** The size of the last change sent. */
    bytes: () => bytes,
    /** Drives every room for `seconds`, `rate` changes a second each: the delays seen, and how busy these clients were. */
    async window(seconds: number, rate: number): Promise<{ samples: number[]; clientCpu: number }> {
      samples = [];
      const clients = clientsBusy();
      const ends = Date.now() + seconds * 1000;
      await Promise.all(
        drivers.map(async (driver, r) => {
          // Spread the rooms over the interval, so the load is steady rather than in bursts.
          let due = performance.now() + (r / drivers.length) * (1000 / rate);
          await sleep(due - performance.now());
          while (Date.now() < ends) {
            driver.raised = !driver.raised;
            const version = driver.version + 1;
            const versions = sent(driver.meetingId);
            const at = performance.now();
            versions.set(version, at);
            versions.delete(version - KEEP_VERSIONS);
            const ack = await driver.command(
              groups
                ? { type: 'inGroup', command: { type: 'hand', raised: driver.raised } }
                : { type: 'hand', raised: driver.raised },
            );
            if (ack.version !== version) {
              // Another change got in first; line the timer up with the version it really made.
              versions.set(ack.version, at);
              versions.delete(ack.version - KEEP_VERSIONS);
            }
            // Each change is due a period after the last one was due, however late its answer
            // came, as with the bare relay's clients: people act on their own time, so a slow
            // moment on the server does not thin out the load that follows it (waiting a period
            // after each answer did, and moved the rooms that waited on it into step).
            due += 1000 / rate;
            await sleep(Math.max(0, due - performance.now()));
          }
        }),
      );
      const clientCpu = clients.share();
      // The last change is sent (the server's core is timed until now); what is still on its
      // way arrives.
      process.send?.({ type: 'sent' });
      await sleep(500);
      return { samples, clientCpu };
    },
    close() {
      for (const { ws } of [...drivers, ...listeners]) ws.terminate();
    },
  };
}

/** A plain live socket, open once its snapshot has come (with the version it holds). */
export async function listen(
  base: string,
  meetingId: string,
  cookie: string,
): Promise<{ ws: WebSocket; version: number }> {
  const ws = new WebSocket(liveUrl(base, meetingId), { headers: { cookie, origin: base } });
  const snapshot = await new Promise<WebSocket.RawData>((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed with ${code} before its snapshot`)));
  });
  return { ws, version: versionOf(JSON.parse(snapshot.toString())) };
}

if (process.env.HEARTH_BENCH_CLIENTS === '1' && process.send) {
  let clients: Awaited<ReturnType<typeof openHearth>> | null = null;
  process.on('message', async (message: { type: string; [k: string]: unknown }) => {
    if (message.type === 'open') {
      clients = await openHearth(
        message.url as string,
        message.rooms as Room[],
        message.groups === true,
      );
      process.send?.({ type: 'opened' });
    } else if (message.type === 'drive' && clients) {
      const result = await clients.window(Number(message.seconds), Number(message.rate));
      process.send?.({ type: 'driven', ...result, bytes: clients.bytes() });
    } else if (message.type === 'close') {
      clients?.close();
      process.exit(0);
    }
  });
  // The benchmark ended (or failed) without saying so: go with it.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready' });
}
