/**
 * `npm run bench:web`: the gzipped size of the JavaScript a first visit loads — the entry
 * chunk and every chunk it imports statically (pages loaded on demand are listed apart).
 * Target: at most 50 KB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWebIfStale } from '../scripts/buildWeb.mjs';
import { table, writePerformanceSection } from './performanceDoc';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const TARGET_KB = 50;
const dist = path.resolve('dist/web');
await buildWebIfStale();
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

const [entryKey, entry] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
if (!entryKey || !entry) throw new Error('no entry chunk in the Vite manifest');

const firstVisit = new Set<string>();
const css = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || firstVisit.has(chunk.file)) return;
  firstVisit.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const jsBytes = [...firstVisit].reduce((sum, file) => sum + gz(file), 0);
const cssBytes = [...css].reduce((sum, file) => sum + gz(file), 0);
const lazy = Object.values(manifest)
  .filter((c) => c.file.endsWith('.js') && !firstVisit.has(c.file))
  .map((c) => ({ file: c.file, bytes: gz(c.file) }))
  .sort((a, b) => b.bytes - a.bytes);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = jsBytes / 1024 <= TARGET_KB ? 'meets' : 'misses';

const rows: (string | number)[][] = [
  ['JavaScript on first visit', firstVisit.size, kb(jsBytes)],
  ['CSS on first visit', css.size, kb(cssBytes)],
  [
    'pages loaded on demand (largest)',
    lazy.length,
    `${kb(lazy[0]?.bytes ?? 0)} (${path.basename(lazy[0]?.file ?? '-')})`,
  ],
];
const output = table(['what', 'files', 'KB gzipped'], rows);
process.stdout.write(
  `${output}\n\nTarget ≤ ${TARGET_KB} KB of JavaScript on a first visit: ${verdict} (${kb(jsBytes)} KB).\n`,
);
writePerformanceSection(
  'bench:web',
  `## Web: what a first visit downloads (\`npm run bench:web\`)

Measured ${new Date().toISOString().slice(0, 10)} from the production build, gzip level 9. Every page other than the welcome page is its own chunk, loaded when first opened.

${output}

Target: at most ${TARGET_KB} KB of JavaScript on a first visit — **${verdict}** (${kb(jsBytes)} KB).`,
);
