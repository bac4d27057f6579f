/**
 * `npm run bench:http`: how fast a signed-in member can read a group page, against a bare
 * node:http server answering the same bytes, measured the same way in the same run.
 * Targets: Hearth reaches at least half the bare server's requests per second on SQLite, and
 * at least 0.3 of it on PostgreSQL (a fresh database made for the run and dropped after).
 * Both servers run as their own processes; autocannon drives them from this one, to
 * 127.0.0.1 only, for a fixed time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { table, writePerformanceSection } from './performanceDoc';
import { load, onEachDatabase, startBare } from './servers';

const WARMUP_SECONDS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const ROUNDS = 3;
// On a machine with two cores or more, the servers run on one core and the load generator on
// another, so they do not take turns on the same core and the figures are steadier.
const SERVER_CPU = cpus().length >= 2 ? 1 : undefined;
if (SERVER_CPU !== undefined && existsSync('/usr/bin/taskset')) {
  execFileSync('/usr/bin/taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
}

async function json(url: string, method: string, body?: unknown, cookie?: string) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return {
    data: (await response.json()) as { id: string },
    cookie: response.headers.get('set-cookie')?.split(';')[0],
  };
}

/** Some people and groups, and one six-person group whose page is read. */
async function seed(base: string): Promise<{ url: string; cookie: string; body: string }> {
  const people = [];
  for (let i = 0; i < 6; i++) {
    people.push(
      await json(`${base}/api/auth/signup`, 'POST', {
        email: `bench${i}@example.org`,
        password: 'benchmark pass phrase',
        displayName: `Member ${i}`,
      }),
    );
  }
  const [steward, ...others] = people;
  if (!steward?.cookie) throw new Error('no session');
  for (let g = 0; g < 200; g++) {
    await json(
      `${base}/api/groups`,
      'POST',
      {
        name: `Group ${g}`,
        purpose: 'Peer support for carers',
        visibility: g % 3 === 0 ? 'closed' : 'open',
      },
      steward.cookie,
    );
  }
  const group = await json(
    `${base}/api/groups`,
    'POST',
    {
      name: 'Parents together',
      purpose: 'Support for parents of disabled children',
      description: 'Every second Tuesday.',
      visibility: 'open',
    },
    steward.cookie,
  );
  for (const person of others)
    await json(
      `${base}/api/groups/${group.data.id}/join`,
      'POST',
      { confirm: true },
      person.cookie,
    );
  const member = others[0];
  if (!member?.cookie) throw new Error('no session');
  const url = `${base}/api/groups/${group.data.id}`;
  const body = await (await fetch(url, { headers: { cookie: member.cookie } })).text();
  return { url, cookie: member.cookie, body };
}

/** Measures one database: Hearth against a bare server answering the same bytes. */
async function measure(label: string, env: Record<string, string>) {
  let hearth: RunningNode | undefined;
  let bare: { url: string; stop: () => void } | undefined;
  try {
    hearth = await spawnNode(
      { LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent', RATE_LIMIT_SIGNUP_PER_IP: '1000', ...env },
      { cpu: SERVER_CPU },
    );
    const target = await seed(hearth.url);
    bare = await startBare(target.body, SERVER_CPU);
    process.stdout.write(
      `${label}: measuring ${ROUNDS} rounds of ${SECONDS}s each, ${CONNECTIONS} connections…\n`,
    );
    await load(bare.url, undefined, WARMUP_SECONDS, CONNECTIONS);
    await load(target.url, target.cookie, WARMUP_SECONDS, CONNECTIONS);
    // Alternate the two so that a noisy moment on the machine hits both alike; keep each one's best.
    const best = { bare: { rps: 0, p50: 0, p99: 0 }, hearth: { rps: 0, p50: 0, p99: 0 } };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await load(bare.url, undefined, SECONDS, CONNECTIONS);
      const h = await load(target.url, target.cookie, SECONDS, CONNECTIONS);
      if (b.rps > best.bare.rps) best.bare = b;
      if (h.rps > best.hearth.rps) best.hearth = h;
    }
    return { label, ...best, ratio: best.hearth.rps / best.bare.rps, bytes: target.body.length };
  } finally {
    bare?.stop();
    await hearth?.stop();
  }
}

const TARGETS = { SQLite: 0.5, PostgreSQL: 0.3 } as const;
const results = await onEachDatabase('hearth-bench', measure);

const rows: (string | number)[][] = [];
for (const r of results) {
  rows.push([
    `bare node:http, same body (${r.label} run)`,
    Math.round(r.bare.rps),
    r.bare.p50,
    r.bare.p99,
    '1.00',
  ]);
  rows.push([
    `GET /api/groups/:id (member, ${r.label})`,
    Math.round(r.hearth.rps),
    r.hearth.p50,
    r.hearth.p99,
    r.ratio.toFixed(2),
  ]);
}
const verdicts = results.map((r) => {
  const target = TARGETS[r.label as keyof typeof TARGETS];
  return `${r.label} at least ${target.toFixed(2)} of bare — **${r.ratio >= target ? 'meets' : 'misses'}** (${r.ratio.toFixed(2)})`;
});
const output = table(['server', 'requests/s', 'p50 ms', 'p99 ms', 'ratio'], rows);
process.stdout.write(`\n${output}\n\nTargets: ${verdicts.join('; ').replaceAll('**', '')}.\n`);
writePerformanceSection(
  'bench:http',
  `## HTTP: reading a group page (\`npm run bench:http\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}: autocannon, ${CONNECTIONS} connections, best of ${ROUNDS} alternating ${SECONDS}-second rounds after a warm-up, both servers in their own processes on 127.0.0.1, Hearth pinned to one core. The body is ${results[0]?.bytes} bytes (a six-member group as a member sees it). Each database is measured against its own bare run, so each ratio compares like with like. On PostgreSQL the read cache is on, kept fresh across nodes by NOTIFY (decision 003).

${output}

Targets: ${verdicts.join('; ')}.`,
);
