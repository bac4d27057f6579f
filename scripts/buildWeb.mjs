// Builds the web app into dist/web when it is missing or older than its sources.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestIn } from './newestIn.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
