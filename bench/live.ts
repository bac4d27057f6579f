/**
 * `npm run bench:live`: live-session fan-out on one node (SQLite), measured by the clients.
 * In each room one facilitator raises and lowers a hand at a steady rate (in the third
 * scenario, inside their small group, with everyone in pairs); every socket in the room times
 * how long the new state takes to reach it. The same run drives a bare `ws` broadcast server
 * (bench/bareLive.mjs) the same way, with messages as large as Hearth's, as the baseline.
 * Then it opens many idle sockets and reads the server's memory to give sockets per GB.
 * Targets: p99 under 20 ms for 200 rooms of 6; within 3× of the bare server; 10,000 idle
 * sockets under 1 GB; 10,000 people (1,700 rooms of 6) at one change per room per second with
 * p99 under 50 ms. Only 127.0.0.1; bounded in count and time; stops by itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { migrateToLatest } from '../server/db/migrate';
import { newId, newToken, sha256 } from '../server/security/tokens';
import { connectLive, type LiveClient, liveUrl } from '../test/helpers/liveClient';
import { pinned, type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { table, writePerformanceSection } from './performanceDoc';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Commands per second per room (each one is a new room state for everyone in it). */
const RATE = Number(process.env.BENCH_RATE ?? 1);
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 10_000);
/** BENCH_GROUP_ROOMS: rooms of 6 in the small-groups scenario (1,700 is 10,200 people). */
const GROUP_ROOMS = Number(process.env.BENCH_GROUP_ROOMS ?? 1_700);
interface Scenario {
  rooms: number;
  size: number;
  /** Everyone is in small groups (pairs) and the changes happen inside them. */
  groups?: boolean;
}
const SCENARIOS: Scenario[] = [
  { rooms: 200, size: 6 },
  { rooms: 4, size: 50 },
  { rooms: GROUP_ROOMS, size: 6, groups: true },
];
const label = (s: Scenario) =>
  `${s.rooms.toLocaleString('en')} rooms of ${s.size}${s.groups ? ', in small groups' : ''}`;
const SERVER_CPU = cpus().length >= 2 ? 1 : undefined;
if (SERVER_CPU !== undefined && existsSync('/usr/bin/taskset')) {
  execFileSync('/usr/bin/taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
}

interface Room {
  meetingId: string;
  cookies: string[];
}

/** Seeds rooms straight into the database (no password hashing): people, sessions, meetings. */
async function seed(dataDir: string, scenarios: { rooms: number; size: number }[]) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { db, close } = await openDatabase(config.database);
  await migrateToLatest(db);
  const now = new Date();
  const at = now.toISOString();
  const later = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  const starts = new Date(now.getTime() + 3_600_000).toISOString();
  const out: Room[][] = [];
  let n = 0;
  for (const { rooms, size } of scenarios) {
    const list: Room[] = [];
    for (let r = 0; r < rooms; r++) {
      const groupId = newId();
      const meetingId = newId();
      const users = Array.from({ length: size }, () => ({ id: newId(), token: newToken() }));
      await db
        .insertInto('users')
        .values(
          users.map((u) => ({
            id: u.id,
            email: `bench-${n++}@example.org`,
            display_name: `Person ${n}`,
            password_hash: 'not-a-password',
            created_at: at,
          })),
        )
        .execute();
      await db
        .insertInto('sessions')
        .values(
          users.map((u) => ({
            id: newId(),
            user_id: u.id,
            token_hash: sha256(u.token),
            device: 'bench',
            created_at: at,
            last_seen_at: at,
            expires_at: later,
          })),
        )
        .execute();
      await db
        .insertInto('groups')
        .values({
          id: groupId,
          name: `Room ${r}`,
          purpose: null,
          description: null,
          visibility: 'invite_only',
          size_cap: size,
          created_by: users[0]?.id ?? '',
          created_at: at,
          updated_at: at,
          time_zone: 'UTC',
          meeting_minutes: 90,
          lateness_policy: 'noted',
          stage: 'forming',
          planned_meetings: null,
          review_at: null,
          format: null,
          area: null,
          language: 'en',
          joining_criteria: null,
          questionnaire: null,
          purpose_asked_at: null,
          stage_changed_at: at,
          listed_at: null,
        })
        .execute();
      await db
        .insertInto('memberships')
        .values(
          users.map((u, i) => ({
            group_id: groupId,
            user_id: u.id,
            role: i === 0 ? ('steward' as const) : ('member' as const),
            joined_at: at,
          })),
        )
        .execute();
      await db
        .insertInto('meetings')
        .values({
          id: meetingId,
          group_id: groupId,
          series_id: null,
          starts_at: starts,
          duration_minutes: 90,
          time_zone: 'UTC',
          status: 'scheduled',
          original_starts_at: null,
          change_note: null,
          venue_kind: 'online',
          venue_name: null,
          venue_address: null,
          access_notes: null,
          online_url: 'https://call.example.org/bench',
          created_at: at,
          updated_at: at,
        })
        .execute();
      list.push({ meetingId, cookies: users.map((u) => `hearth_session=${u.token}`) });
    }
    out.push(list);
  }
  await close();
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
};

/**
 * Hearth: each room's first person toggles a hand (in their small group, when the scenario
 * has them); everyone times the state's arrival. Also gives the size of the last state sent,
 * for the bare server to relay as much.
 */
async function driveHearth(base: string, rooms: Room[], groups = false) {
  // Each room's driver is a full test client (commands and their answers); everyone else is a
  // plain socket that only times what it is sent, so the clients' own work stays small.
  const clients: LiveClient[][] = [];
  const listeners: WebSocket[] = [];
  for (const room of rooms) {
    const [first, ...rest] = room.cookies;
    clients.push([await connectLive(base, room.meetingId, first as string)]);
    for (const cookie of rest) listeners.push(await listen(base, room.meetingId, cookie));
  }
  if (groups) {
    // Pairs for half an hour, everyone in one, the first person's pair started talking.
    for (const inRoom of clients) {
      const driver = inRoom[0] as LiveClient;
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
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  let bytes = 0;
  const samples: number[] = [];
  const sentAt = new Map<string, number>();
  const time = (data: WebSocket.RawData) => {
    const text = data.toString();
    const message = JSON.parse(text);
    if (message.type !== 'state') return;
    bytes = text.length;
    const start = sentAt.get(`${message.room.meetingId} ${message.room.version}`);
    if (start !== undefined) samples.push(performance.now() - start);
  };
  for (const inRoom of clients) for (const client of inRoom) client.ws.on('message', time);
  for (const ws of listeners) ws.on('message', time);
  const ends = Date.now() + SECONDS * 1000;
  const raised = new Map<LiveClient, boolean>();
  await Promise.all(
    clients.map(async (inRoom, r) => {
      const driver = inRoom[0] as LiveClient;
      // Spread the rooms over the interval, so the load is steady rather than in bursts.
      await new Promise((resolve) => setTimeout(resolve, (r / clients.length) * (1000 / RATE)));
      while (Date.now() < ends) {
        const next = !raised.get(driver);
        raised.set(driver, next);
        const version = (driver.room()?.version ?? 0) + 1;
        const meetingId = rooms[r]?.meetingId ?? '';
        sentAt.set(`${meetingId} ${version}`, performance.now());
        const ack = await driver.command(
          groups
            ? { type: 'inGroup', command: { type: 'hand', raised: next } }
            : { type: 'hand', raised: next },
        );
        if (ack.version !== version) {
          // Another change got in first; line the timer up with the version it really made.
          sentAt.set(`${meetingId} ${ack.version}`, sentAt.get(`${meetingId} ${version}`) ?? 0);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const inRoom of clients) for (const c of inRoom) c.ws.terminate();
  for (const ws of listeners) ws.terminate();
  return { ...summary(samples), bytes };
}

/** A plain live socket, open once its snapshot has come. */
async function listen(base: string, meetingId: string, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(liveUrl(base, meetingId), { headers: { cookie, origin: base } });
  await new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed with ${code} before its snapshot`)));
  });
  return ws;
}

/** The bare server, driven the same way: the driver's message comes back to everyone. */
async function driveBare(base: string, rooms: Room[], bytes = 1500) {
  const sockets: WebSocket[][] = [];
  for (const room of rooms) {
    const inRoom: WebSocket[] = [];
    for (let i = 0; i < room.cookies.length; i++) {
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/${room.meetingId}`);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      inRoom.push(ws);
    }
    sockets.push(inRoom);
  }
  const samples: number[] = [];
  for (const inRoom of sockets) {
    for (const ws of inRoom) {
      ws.on('message', (data) => {
        const { sent } = JSON.parse(data.toString()) as { sent: number };
        samples.push(performance.now() - sent);
      });
    }
  }
  const ends = Date.now() + SECONDS * 1000;
  await Promise.all(
    sockets.map(async (inRoom, r) => {
      await new Promise((resolve) => setTimeout(resolve, (r / sockets.length) * (1000 / RATE)));
      while (Date.now() < ends) {
        inRoom[0]?.send(JSON.stringify({ sent: performance.now(), pad: 'x'.repeat(bytes) }));
        await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const inRoom of sockets) for (const ws of inRoom) ws.terminate();
  return summary(samples);
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function idleSockets(node: RunningNode, rooms: Room[], total: number) {
  const pid = node.process.pid ?? 0;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = rssOf(pid);
  const open: WebSocket[] = [];
  for (const room of rooms) {
    for (const cookie of room.cookies) {
      if (open.length >= total) break;
      open.push(await listen(node.url, room.meetingId, cookie));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = rssOf(pid);
  for (const ws of open) ws.terminate();
  return { before, after, perSocket: (after - before) / total };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-live-'));
const seeded = await seed(dataDir, [
  ...SCENARIOS,
  // Rooms of 50, one socket each, for the idle sockets.
  { rooms: Math.ceil(IDLE_SOCKETS / 50), size: 50 },
]);
const idleRooms = seeded[SCENARIOS.length] as Room[];

const [command, args] = pinned(SERVER_CPU, [process.execPath, 'bench/bareLive.mjs']);
const bareChild = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
const bareUrl = await new Promise<string>((resolve) => {
  bareChild.stdout.on('data', (chunk: Buffer) => {
    const match = /running at (\S+)/.exec(chunk.toString());
    if (match?.[1]) resolve(match[1]);
  });
});
const node = await spawnNode(
  { DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent' },
  { cpu: SERVER_CPU },
);

try {
  const rows: (string | number)[][] = [];
  for (const [i, scenario] of SCENARIOS.entries()) {
    const rooms = seeded[i] as Room[];
    // Hearth first, so the bare server relays messages as large as Hearth's.
    process.stdout.write(`${label(scenario)}: Hearth…\n`);
    const hearth = await driveHearth(node.url, rooms, scenario.groups);
    process.stdout.write(`${label(scenario)}: bare server…\n`);
    const bare = await driveBare(bareUrl, rooms, Math.max(100, hearth.bytes));
    rows.push([
      label(scenario),
      hearth.n,
      hearth.p50.toFixed(2),
      hearth.p99.toFixed(2),
      bare.p50.toFixed(2),
      bare.p99.toFixed(2),
      `${(hearth.p99 / Math.max(0.01, bare.p99)).toFixed(1)}×`,
    ]);
  }
  process.stdout.write(`${IDLE_SOCKETS} idle sockets…\n`);
  const memory = await idleSockets(node, idleRooms, IDLE_SOCKETS);
  const perGb = Math.floor(1024 ** 3 / Math.max(1, memory.perSocket));
  const header = [
    'scenario',
    'deliveries',
    'Hearth p50 ms',
    'Hearth p99 ms',
    'bare ws p50 ms',
    'bare ws p99 ms',
    'p99 ratio',
  ];
  console.table(rows.map((row) => Object.fromEntries(header.map((h, k) => [h, row[k]]))));
  const memoryLine = `${IDLE_SOCKETS.toLocaleString('en')} idle sockets: server RSS ${(memory.before / 2 ** 20).toFixed(0)} MiB → ${(memory.after / 2 ** 20).toFixed(0)} MiB, about ${(memory.perSocket / 1024).toFixed(1)} KiB each, so about ${perGb.toLocaleString('en')} sockets per GB.`;
  console.log(memoryLine);
  writePerformanceSection(
    'live',
    `## Live sessions: fan-out and sockets (\`npm run bench:live\`)

Measured ${new Date().toISOString().slice(0, 10)} on this machine: one Hearth process (SQLite) and a bare \`ws\` broadcast server, each pinned to one core, driven from another. In each room one person changes the room ${RATE} time(s) a second for ${SECONDS} s (rooms staggered for a steady load); in the small-groups scenario everyone is in pairs and the change is a hand raised inside one of them. Every socket in the room times how long the change takes to reach it (client-measured, same clock); the bare server relays a message as large as the last state Hearth sent. Hearth's path per change: a transaction that logs the command and saves the room, an announcement, one read, and a send to every socket in the room.

${table(header, rows)}

${memoryLine}

Targets: p99 under 20 ms for 200 rooms of 6; within 3× of the bare server's p99; 10,000 idle sockets under 1 GB; and 10,000 people on one node at one change per room per second with p99 under 50 ms and within 3× of bare.`,
  );
  console.log('written to docs/PERFORMANCE.md');
} finally {
  await node.stop();
  bareChild.kill('SIGTERM');
}
process.exit(0);
