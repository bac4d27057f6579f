// Builds the web app into dist/web when it is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** True when dist/web is missing or any source of it changed after the last build. */
export function webBuildIsStale() {
  const builtIndex = path.join(root, 'dist/web/index.html');
  if (!existsSync(builtIndex)) return true;
  const newestSource = Math.max(
    newestIn(path.join(root, 'web')),
    newestIn(path.join(root, 'core')),
    statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  return newestSource > statSync(builtIndex).mtimeMs;
}

export async function buildWebIfStale() {
  if (!webBuildIsStale()) return false;
  const { build } = await import('vite');
  await build({
    root: path.join(root, 'web'),
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
  });
  return true;
}
