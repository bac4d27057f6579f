/**
 * `npm run bench:accounts`: whether answers about accounts take the same time whatever the
 * address, so timing does not tell a stranger who has an account. Where Hearth sends mail,
 * sign-up with a new address and with a taken one; "forgot my password" for a known and an
 * unknown address; a wrong password for a known and an unknown address. The two cases run
 * interleaved, over HTTP to a server in its own process (the baseline is the other case),
 * on SQLite and, when DATABASE_URL is set, PostgreSQL. Prints a table and writes it to docs/PERFORMANCE.md.
 * Target: the medians differ by less than 10% (ratio between 0.90 and 1.10).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { spawnNode } from '../test/helpers/spawnNode';
import { table, writePerformanceSection } from './performanceDoc';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PASSWORD = 'a long and quiet walk';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function run(label: string, env: Record<string, string>) {
  // A real server in its own process, asked over HTTP, as a stranger would ask it: timing
  // taken in the same process would count the work done after the answer.
  const node = await spawnNode({
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_INTERVAL_SECONDS: '3600',
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '100000',
    RATE_LIMIT_SIGNUP_PER_IP: '100000',
    ...env,
  });
  const db = await openDatabase(loadConfig({ LOG_LEVEL: 'silent', ...env }).database);
  const dialect = db.dialect;
  const run = `${process.pid}.${Date.now()}`;
  let n = 0;
  const post = async (url: string, body: object) => {
    const start = process.hrtime.bigint();
    const r = await fetch(`${node.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: node.url },
      body: JSON.stringify(body),
    });
    await r.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status >= 500) throw new Error(`${url}: ${r.status}`);
    return { ms, status: r.status };
  };
  // Each request uses an address of its own, as a stranger probing would (a repeated address
  // finds its rate-limit row already there, in either case).
  const taken: string[] = [];
  let next = 0;
  const takenOne = () => taken[next++ % taken.length];
  for (let i = 0; i < 3 * (ROUNDS + 3); i++) {
    const email = `taken.${run}.${i}@example.org`;
    await post('/api/auth/signup', { email, password: PASSWORD, displayName: 'Taken' });
    await db.db
      .updateTable('users')
      .set({ email_verified_at: new Date().toISOString() })
      .where('email', '=', email)
      .execute();
    taken.push(email);
  }

  /** Runs both cases interleaved, after a warm-up, and returns their medians. */
  const pair = async (
    a: (i: number) => Promise<{ ms: number; status: number }>,
    b: (i: number) => Promise<{ ms: number; status: number }>,
  ) => {
    for (let i = 0; i < 3; i++) {
      await a(i);
      await b(i);
    }
    const left: number[] = [];
    const right: number[] = [];
    const statuses = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const [x, y] = i % 2 === 0 ? [await a(i), await b(i)] : [null, null];
      const [y2, x2] = i % 2 === 1 ? [await b(i), await a(i)] : [null, null];
      const first = x ?? x2;
      const second = y ?? y2;
      if (!first || !second) continue;
      left.push(first.ms);
      right.push(second.ms);
      statuses.add(`${first.status}/${second.status}`);
    }
    return { a: median(left), b: median(right), statuses: [...statuses].join(' ') };
  };

  const rows: (string | number)[][] = [];
  const add = (name: string, r: { a: number; b: number; statuses: string }) =>
    rows.push([name, r.a.toFixed(1), r.b.toFixed(1), (r.b / r.a).toFixed(2), r.statuses]);

  add(
    'sign-up: new address, then taken',
    await pair(
      (i) =>
        post('/api/auth/signup', {
          email: `new.${run}.${n++}.${i}@example.org`,
          password: PASSWORD,
          displayName: 'New',
        }),
      (i) =>
        post('/api/auth/signup', {
          email: takenOne(),
          password: PASSWORD,
          displayName: 'Again',
        }),
    ),
  );
  add(
    'forgot password: no account, then account',
    await pair(
      () => post('/api/auth/forgot', { email: `nobody.${run}.${n++}@example.org` }),
      () => post('/api/auth/forgot', { email: takenOne() }),
    ),
  );
  add(
    'wrong password: no account, then account',
    await pair(
      () =>
        post('/api/auth/login', {
          email: `nobody.${run}.${n++}@example.org`,
          password: 'wrong one here',
        }),
      () => post('/api/auth/login', { email: takenOne(), password: 'wrong one here' }),
    ),
  );
  await node.stop();
  await db.close();
  return { label: `${label} (${dialect})`, rows };
}

// Each run names its database itself: the spawned server inherits this process's variables.
const postgresUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-accounts-'));
const results = [await run('SQLite', { DATA_DIR: dir })];
if (postgresUrl) results.push(await run('PostgreSQL', { DATABASE_URL: postgresUrl }));
const header = ['request', 'first, median ms', 'second, median ms', 'second ÷ first', 'statuses'];
for (const r of results) {
  console.log(`\n${r.label}`);
  console.log(table(header, r.rows));
}
writePerformanceSection(
  'accounts',
  `## Accounts: the same answer in the same time, whoever has an account (\`npm run bench:accounts\`)

Measured ${new Date().toISOString().slice(0, 10)} on this machine, ${ROUNDS} pairs per request after warm-up, the two cases interleaved, asked over HTTP from another process than the server's (as a stranger would ask; work Hearth does after answering is not counted), median; SMTP is set, so sign-up answers "check your inbox" for any address (mail is queued, not sent). Target: the second case takes 0.90–1.10 times the first. The statuses show both answers are the same.

${results.map((r) => `### ${r.label}\n\n${table(header, r.rows)}`).join('\n\n')}`,
);
console.log('\nwritten to docs/PERFORMANCE.md');
