/**
 * `npm run bench:directory`: one page of the directory with 10,000 groups, per filter,
 * against reading one group by its id (the baseline), in the same process and run, on the
 * embedded SQLite database (and PostgreSQL too when DATABASE_URL is set). Prints a table and
 * the query plans, and writes both to docs/PERFORMANCE.md.
 * Target: a page of 20 costs no more than 21 single-group reads (ratio ≤ 21×) for every
 * filter but free text, and no plan sorts or scans all groups except the free-text search.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { migrateToLatest } from '../server/db/migrate';
import { type DirectoryFilter, directoryQuery, findGroup } from '../server/db/queries/groups';
import { seedDirectory } from '../test/helpers/seedDirectory';
import { table, writePerformanceSection } from './performanceDoc';

const GROUPS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);

const FILTERS: [string, Partial<DirectoryFilter>][] = [
  ['newest first', {}],
  ['open to join', { joining: 'open' }],
  ['language (cy)', { language: 'cy' }],
  ['tag (carers)', { tag: 'carers' }],
  ['format (online)', { format: 'online' }],
  ['seats free', { seatsAvailable: true }],
  ['words ("number 12")', { q: 'number 12' }],
  ['page 50 (cursor)', {}],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function run(label: string, env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const { db, dialect, close } = await openDatabase(config.database);
  await migrateToLatest(db);
  const seeded = await seedDirectory(db, GROUPS);
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  const now = new Date().toISOString();
  const base: DirectoryFilter = { limit: 21, viewerId: seeded.userId, now };
  const sample = await directoryQuery(db, { ...base, limit: 1000 }).execute();
  const deep = sample[sample.length - 1]?.id;
  const one = sample[0]?.id ?? '';

  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(samples);
  };
  const baseline = await time(() => findGroup(db, one));
  const rows: (string | number)[][] = [['one group by id (baseline)', baseline.toFixed(3), '1.0×']];
  const plans: string[] = [];
  for (const [name, filter] of FILTERS) {
    const f = { ...base, ...filter, ...(name.startsWith('page 50') ? { beforeId: deep } : {}) };
    const ms = await time(() => directoryQuery(db, f).execute());
    rows.push([name, ms.toFixed(3), `${(ms / baseline).toFixed(1)}×`]);
    const compiled = directoryQuery(db, f).compile();
    const explain = dialect === 'sqlite' ? 'explain query plan' : 'explain';
    const { rows: planRows } = await db.executeQuery({
      ...compiled,
      sql: `${explain} ${compiled.sql}`,
    });
    const text = (planRows as Record<string, string>[])
      .map((r) => r.detail ?? r['QUERY PLAN'] ?? '')
      .filter((line) => /groups|group_tags|TEMP|Sort|Seq Scan/.test(line))
      .join('\n');
    plans.push(`${name}:\n${text}`);
  }
  await close();
  return { label, rows, plans };
}

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-directory-'));
const results = [await run('SQLite', { DATA_DIR: dir })];
if (process.env.DATABASE_URL) {
  results.push(await run('PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL }));
}

const sections = results.map(
  (r) =>
    `### ${r.label}\n\n${table(['query (page of 20)', 'median ms', 'vs baseline'], r.rows)}\n\n<details><summary>Query plans (${r.label})</summary>\n\n\`\`\`\n${r.plans.join('\n\n')}\n\`\`\`\n\n</details>`,
);
for (const r of results) {
  console.log(`\n${r.label}`);
  console.table(Object.fromEntries(r.rows.map((row) => [row[0], { ms: row[1], ratio: row[2] }])));
}
writePerformanceSection(
  'directory',
  `## Directory: a page of 20 among ${GROUPS.toLocaleString('en')} groups (\`npm run bench:directory\`)

Measured ${new Date().toISOString().slice(0, 10)} on this machine, ${ROUNDS} runs per query after warm-up, median; the baseline is reading one group by its id in the same process and run. Groups are seeded with a spread of visibility, stage, language, format and tags (test/helpers/seedDirectory.ts). A page reads the listing index newest first and stops at 21 rows; member, waitlist and next-meeting counts are index seeks for those rows only. Target: a page costs no more than the 21 single-group reads it amounts to (≤ 21×) for every filter but free text. Free-text words scan the listed groups newest first until the page is full (a LIKE on name, purpose and area), so they cost most when few groups match; a full-text index (SQLite FTS5, PostgreSQL tsvector) is the next step if that matters.

${sections.join('\n\n')}`,
);
console.log('\nwritten to docs/PERFORMANCE.md');
