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
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import type WebSocket from 'ws';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { migrateToLatest } from '../server/db/migrate';
import { newId, newToken, sha256 } from '../server/security/tokens';
import { pinned, type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { listen, type Room } from './hearthClients';
import { table, writePerformanceSection } from './performanceDoc';
import { postgresDatabase } from './servers';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Hearth and the bare relay take turns of this long until each has had SECONDS. */
const TURN_SECONDS = Number(process.env.BENCH_TURN_SECONDS ?? 2);
/**
 * The uncounted turn each server has first (BENCH_WARMUP_SECONDS). After a turn of 1 s, the
 * first counted turn was still the slowest in most runs (docs/PERFORMANCE.md, tenth session).
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
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
/** BENCH_ONLY=groups runs only the small-groups scenario (for profiling; nothing is written). */
const ONLY_GROUPS = process.env.BENCH_ONLY === 'groups';
const SCENARIOS: Scenario[] = [
  ...(ONLY_GROUPS
    ? []
    : [
        { rooms: 200, size: 6 },
        { rooms: 4, size: 50 },
      ]),
  { rooms: GROUP_ROOMS, size: 6, groups: true },
];
const label = (s: Scenario) =>
  `${s.rooms.toLocaleString('en')} rooms of ${s.size}${s.groups ? ', in small groups' : ''}`;
const SERVER_CPU = cpus().length >= 2 ? 1 : undefined;
if (SERVER_CPU !== undefined && existsSync('/usr/bin/taskset')) {
  execFileSync('/usr/bin/taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
}

/** Seeds rooms straight into the database (no password hashing): people, sessions, meetings. */
async function seed(
  dataDir: string,
  scenarios: { rooms: number; size: number }[],
  env: Record<string, string> = {},
) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const { db, close } = await openDatabase(config.database);
  await migrateToLatest(db);
  const now = new Date();
  const at = now.toISOString();
  const later = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  // The meetings began five minutes ago, as they have when their sessions are running: their
  // reminders went out earlier (a benchmark whose meetings start later finds them all due at
  // once, and measures queueing ten thousand reminders).
  const starts = new Date(now.getTime() - 5 * 60_000).toISOString();
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
          // Groups that have met before: one meeting's start moves a forming group on, which
          // a benchmark of a thousand new groups would measure instead.
          stage: 'active',
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

/** What one turn of driving a server gave: every delay seen, and how busy it and the clients were. */
interface Window {
  samples: number[];
  cpu: number;
  clientCpu: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How many processes each server's clients are spread over (the same for both). A client
 * process's own pauses (its collector's, with 10,000 sockets in it) delay every delivery it is
 * timing at that moment; with the sockets in two, a pause in one holds up half of them, and
 * each process's heap is half as large.
 */
const CLIENT_PROCESSES = Math.max(1, Number(process.env.BENCH_CLIENT_PROCESSES ?? 2));

/** Rooms dealt over `n` lists (whole rooms each), so each process has the same share. */
function deal<T>(rooms: T[], n: number): T[][] {
  const parts: T[][] = Array.from({ length: Math.max(1, Math.min(n, rooms.length)) }, () => []);
  for (const [i, room] of rooms.entries()) parts[i % parts.length]?.push(room);
  return parts;
}

/**
 * Starts a server's client processes, each opening the sockets of its share of the rooms (`open`
 * says how), and resolves once every one has opened them.
 */
async function clientProcesses(
  rooms: Room[],
  start: () => ChildProcess,
  open: (part: Room[]) => object,
): Promise<ChildProcess[]> {
  return Promise.all(
    deal(rooms, CLIENT_PROCESSES).map(async (part) => {
      const child = start();
      const next = ipcAnswers(child);
      await next('ready');
      child.send(open(part));
      await next('opened');
      return child;
    }),
  );
}

/** Tells each client process to close its sockets and exit. */
function closeAll(children: ChildProcess[]): void {
  for (const child of children) child.send({ type: 'close' });
}

/** Hearth's clients, in processes of their own (bench/hearthClients.ts), as the relay's are. */
async function hearthClients(node: RunningNode, rooms: Room[], groups = false) {
  const children = await clientProcesses(
    rooms,
    () =>
      fork(path.join(import.meta.dirname, 'hearthClients.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, HEARTH_BENCH_CLIENTS: '1' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    (part) => ({ type: 'open', url: node.url, rooms: part, groups }),
  );
  let bytes = 0;
  return {
    /** The size of the last change sent. */
    bytes: () => bytes,
    /** Drives every room for `seconds`: the delays seen, and how busy the server and clients were. */
    async window(seconds: number): Promise<Window> {
      const turn = await driveTurn(children, node.process.pid ?? 0, { seconds });
      bytes = turn.bytes ?? bytes;
      return turn;
    },
    close: () => closeAll(children),
  };
}

/** Waits for a child's next IPC message of a type (and fails if the child exits first). */
function ipcAnswers(child: ChildProcess) {
  return <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`clients exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
}

/**
 * One turn of the client processes driving their server: the server's core is timed until the
 * last change is sent (every process has said `sent`), then the delays come once the last has
 * had time to arrive. "Clients busy" is the processes' time together, as a share of one core.
 */
async function driveTurn(
  children: ChildProcess[],
  pid: number,
  drive: { seconds: number; bytes?: number },
): Promise<Window & { bytes?: number }> {
  const core = busy(pid);
  const turns = children.map((child) => {
    const next = ipcAnswers(child);
    const driven = next<{ samples: number[]; clientCpu: number; bytes?: number }>('driven');
    const sent = next('sent');
    child.send({ type: 'drive', rate: RATE, ...drive });
    return { driven, sent };
  });
  await Promise.all(turns.map((turn) => turn.sent));
  const cpu = core.share();
  const driven = await Promise.all(turns.map((turn) => turn.driven));
  return {
    samples: driven.flatMap((d) => d.samples),
    cpu,
    clientCpu: driven.reduce((sum, d) => sum + d.clientCpu, 0),
    bytes: driven[0]?.bytes,
  };
}

/** The bare relay's clients, in processes of their own (bench/bareClients.mjs). */
async function bareClients(base: string, rooms: Room[]) {
  const children = await clientProcesses(
    rooms,
    () =>
      fork(path.join(import.meta.dirname, 'bareClients.mjs'), [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    (part) => ({
      type: 'open',
      url: base,
      rooms: part.map((r) => ({ meetingId: r.meetingId, size: r.cookies.length })),
    }),
  );
  return {
    window(seconds: number, bytes: number, pid: number): Promise<Window> {
      return driveTurn(children, pid, { seconds, bytes });
    },
    close: () => closeAll(children),
  };
}

/**
 * Measures a scenario: Hearth and the bare relay driven in turns, a few seconds each, until
 * each has had SECONDS, so that whatever else the machine is doing falls on both alike.
 */
async function measure(node: RunningNode, rooms: Room[], groups: boolean | undefined) {
  const hearth = await hearthClients(node, rooms, groups);
  const bare = await bareClients(bareUrl, rooms);
  const turns = Math.max(1, Math.round(SECONDS / TURN_SECONDS));
  const hearthTurns: Window[] = [];
  const bareTurns: Window[] = [];
  // A turn each first, not counted: a server that has just started has not compiled its
  // busiest code yet (a profile of a first counted turn after only a second of it showed the
  // same work taking one and a half to two times as long), and a running one has.
  await hearth.window(WARMUP_SECONDS);
  await bare.window(WARMUP_SECONDS, Math.max(100, hearth.bytes()), barePid);
  if (ONLY_GROUPS) process.stdout.write('measuring…\n');
  for (let turn = 0; turn < turns; turn++) {
    hearthTurns.push(await hearth.window(SECONDS / turns));
    // The bare relay relays messages as large as Hearth's last change.
    bareTurns.push(await bare.window(SECONDS / turns, Math.max(100, hearth.bytes()), barePid));
    if (ONLY_GROUPS) {
      const [h, b] = [
        summary(hearthTurns[turn]?.samples ?? []),
        summary(bareTurns[turn]?.samples ?? []),
      ];
      console.log(
        `turn ${turn}: Hearth ${h.n} deliveries, p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms; bare p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms`,
      );
    }
  }
  hearth.close();
  bare.close();
  const together = (list: Window[]) => ({
    ...summary(list.flatMap((w) => w.samples)),
    cpu: list.reduce((sum, w) => sum + w.cpu, 0) / list.length,
    clientCpu: list.reduce((sum, w) => sum + w.clientCpu, 0) / list.length,
  });
  return { hearth: together(hearthTurns), bare: together(bareTurns) };
}

/** CPU time a process has used, in ms (user and system, from /proc; ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts timing a server's core: the share of it used until `share` is called. */
function busy(pid: number): { share(): number } {
  const [cpu0, t0] = [cpuMsOf(pid), performance.now()];
  return { share: () => (cpuMsOf(pid) - cpu0) / (performance.now() - t0) };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function idleSockets(node: RunningNode, rooms: Room[], total: number) {
  const pid = node.process.pid ?? 0;
  await sleep(1000);
  const before = rssOf(pid);
  const open: WebSocket[] = [];
  for (const room of rooms) {
    for (const cookie of room.cookies) {
      if (open.length >= total) break;
      open.push((await listen(node.url, room.meetingId, cookie)).ws);
    }
  }
  await sleep(2000);
  const after = rssOf(pid);
  for (const ws of open) ws.terminate();
  return { before, after, perSocket: (after - before) / total };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-live-'));
// The run's database (tens of MB) goes when the benchmark does, whether it ends or fails.
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 }));
// Stopped by a signal, it still cleans up (an exit by a signal runs no 'exit' listeners).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));
const seeded = await seed(dataDir, [
  ...SCENARIOS,
  // Rooms of 50, one socket each, for the idle sockets.
  { rooms: Math.ceil(IDLE_SOCKETS / 50), size: 50 },
]);
const idleRooms = seeded[SCENARIOS.length] as Room[];

const [command, args] = pinned(SERVER_CPU, [process.execPath, 'bench/bareLive.mjs']);
const bareChild = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
const barePid = bareChild.pid ?? 0;
// The relay goes when the benchmark does, whether it ends or fails (and so do the nodes it
// started: see spawnNode).
process.once('exit', () => bareChild.kill('SIGKILL'));
const bareUrl = await new Promise<string>((resolve) => {
  bareChild.stdout.on('data', (chunk: Buffer) => {
    const match = /running at (\S+)/.exec(chunk.toString());
    if (match?.[1]) resolve(match[1]);
  });
});
type Measured = { n: number; p50: number; p99: number; cpu: number; clientCpu: number };

/** A scenario's line in the table: Hearth's figures against the bare relay's. */
function row(name: string, hearth: Measured, bare: Measured): (string | number)[] {
  return [
    name,
    hearth.n,
    hearth.p50.toFixed(2),
    hearth.p99.toFixed(2),
    bare.p50.toFixed(2),
    bare.p99.toFixed(2),
    `${(hearth.p99 / Math.max(0.01, bare.p99)).toFixed(1)}×`,
    `${Math.round(hearth.cpu * 100)}%`,
    `${Math.round(bare.cpu * 100)}%`,
    `${Math.round(hearth.clientCpu * 100)}% / ${Math.round(bare.clientCpu * 100)}%`,
  ];
}

/**
 * Each scenario, and the idle sockets, on a node of its own (on the same data): what one
 * scenario leaves for the garbage collector does not land in the next one's figures.
 */
const running: { node: RunningNode | null } = { node: null };
const freshNode = async (env: Record<string, string> = {}): Promise<RunningNode> => {
  await running.node?.stop();
  running.node = await spawnNode(
    { DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent', ...env },
    { cpu: SERVER_CPU },
  );
  return running.node;
};

try {
  const rows: (string | number)[][] = [];
  for (const [i, scenario] of SCENARIOS.entries()) {
    const rooms = seeded[i] as Room[];
    process.stdout.write(`${label(scenario)}…\n`);
    const { hearth, bare } = await measure(await freshNode(), rooms, scenario.groups);
    rows.push(row(label(scenario), hearth, bare));
  }
  // The busiest scenario again on PostgreSQL (how groups outgrow one machine), when one answers.
  const heavy = SCENARIOS.at(-1) as Scenario;
  const postgres = await postgresDatabase();
  if (postgres) {
    try {
      const env = { DATABASE_URL: postgres.url };
      const [rooms] = await seed(dataDir, [heavy], env);
      process.stdout.write(`${label(heavy)} on PostgreSQL…\n`);
      const { hearth, bare } = await measure(await freshNode(env), rooms as Room[], heavy.groups);
      rows.push(row(`${label(heavy)}, on PostgreSQL`, hearth, bare));
    } finally {
      await running.node?.stop();
      running.node = null;
      await postgres.drop();
    }
  }
  process.stdout.write(`${IDLE_SOCKETS} idle sockets…\n`);
  const memory = await idleSockets(await freshNode(), idleRooms, IDLE_SOCKETS);
  const perGb = Math.floor(1024 ** 3 / Math.max(1, memory.perSocket));
  const header = [
    'scenario',
    'deliveries',
    'Hearth p50 ms',
    'Hearth p99 ms',
    'bare ws p50 ms',
    'bare ws p99 ms',
    'p99 ratio',
    'Hearth core busy',
    'bare core busy',
    'clients busy (Hearth / bare)',
  ];
  console.table(rows.map((row) => Object.fromEntries(header.map((h, k) => [h, row[k]]))));
  const memoryLine = `${IDLE_SOCKETS.toLocaleString('en')} idle sockets: server RSS ${(memory.before / 2 ** 20).toFixed(0)} MiB → ${(memory.after / 2 ** 20).toFixed(0)} MiB, about ${(memory.perSocket / 1024).toFixed(1)} KiB each, so about ${perGb.toLocaleString('en')} sockets per GB.`;
  console.log(memoryLine);
  if (ONLY_GROUPS) {
    console.log('BENCH_ONLY: nothing written to docs/PERFORMANCE.md');
  } else {
    writePerformanceSection(
      'live',
      `## Live sessions: fan-out and sockets (\`npm run bench:live\`)

Measured ${new Date().toISOString().slice(0, 10)} on this machine: a Hearth process (SQLite, started afresh for each scenario and for the idle sockets, with the server's flags from scripts/serverFlags.mjs) and a bare \`ws\` broadcast server, each pinned to one core, driven from another. In each room one person changes the room ${RATE} time(s) a second (rooms staggered for a steady load, each change due a period after the last was due however late its answer came, as people act on their own time); in the small-groups scenario everyone is in pairs and the change is a hand raised inside one of them. Hearth and the bare server take turns of ${TURN_SECONDS} s until each has had ${SECONDS} s (after an uncounted turn of ${WARMUP_SECONDS} s each), with both sets of sockets open throughout (each server's clients spread over ${CLIENT_PROCESSES} processes of their own, which read from each message only the number they time), so that whatever else this shared machine is doing falls on both alike. The meetings began a few minutes before and their groups have met before, as on a real evening (background jobs run as usual). The busiest scenario runs again on PostgreSQL when one answers (a database made for the run, on this machine and not pinned), where the node learns of each change by NOTIFY. Every socket in the room times how long the change takes to reach it (client-measured, same clock); the bare server relays a message as large as the last state Hearth sent. Hearth's path per change: a transaction that logs the command and moves the room's version, saving the room whole every 32 changes on SQLite and every change on PostgreSQL (shared with the other changes that came in while the last one was written), an announcement, and one patch sent to every socket in the room. "Core busy" is the share of its core each server used while the changes were being sent (from /proc), steadier than the latencies on a shared machine; "clients busy" is the same for the client processes, to show the clients were not the limit.

${table(header, rows)}

${memoryLine}

Targets: p99 under 20 ms for 200 rooms of 6; within 3× of the bare server's p99; 10,000 idle sockets under 1 GB; and 10,000 people on one node at one change per room per second with p99 under 50 ms and within 3× of bare.`,
    );
    console.log('written to docs/PERFORMANCE.md');
  }
} finally {
  await running.node?.stop();
}
process.exit(0);
