// Compiles the server (server/, core/, migrations/ and the libraries they use) into one
// JavaScript file, dist/server/main.mjs, so `npm start` runs plain JavaScript: no TypeScript
// loader and no thousands of small module files to find and read at start. Native modules
// and packages that read files from their own folder stay in node_modules (EXTERNAL).
// See docs/decisions/009-compiled-server.md.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestIn } from './newestIn.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/server');
const entry = path.join(outDir, 'main.mjs');
const SOURCES = ['server', 'core', 'migrations'];
/**
 * Packages left in node_modules: native modules, and those that read files from their own
 * folder (which a bundle cannot carry). test/architecture/bundle.test.ts fails when a
 * bundled package starts reading from its folder.
 */
export const EXTERNAL = [
  'better-sqlite3',
  '@node-rs/argon2',
  'pg-native',
  '@fastify/static',
  '@fastify/swagger-ui',
  '@touch4it/ical-timezones',
];

/** What esbuild is asked to do, for the build and for the test that checks it. */
export const BUILD_OPTIONS = {
  entryPoints: [path.join(root, 'server/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // Bundled CommonJS libraries call require(); give them Node's.
  banner: {
    js: "import { createRequire as __hearthRequire } from 'node:module'; const require = __hearthRequire(import.meta.url);",
  },
};

/** True when dist/server is missing or older than any of its sources or the installed packages. */
export function serverBuildIsStale() {
  if (!existsSync(entry)) return true;
  const newestSource = Math.max(
    ...SOURCES.map((dir) => newestIn(path.join(root, dir))),
    statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  return newestSource > statSync(entry).mtimeMs;
}

/**
 * Builds into temporary names and renames them into place, so a process starting meanwhile
 * (or another build) never reads half a file.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const tempDir = path.join(outDir, `.build-${process.pid}-${Date.now()}`);
  mkdirSync(tempDir, { recursive: true });
  await build({ ...BUILD_OPTIONS, outfile: path.join(tempDir, 'main.mjs') });
  // The shipped list of common passwords is read from beside the code.
  copyFileSync(
    path.join(root, 'server/security/common-passwords.txt'),
    path.join(tempDir, 'common-passwords.txt'),
  );
  for (const name of ['common-passwords.txt', 'main.mjs.map', 'main.mjs']) {
    renameSync(path.join(tempDir, name), path.join(outDir, name));
  }
  rmSync(tempDir, { recursive: true, force: true });
}

export async function buildServerIfStale() {
  if (!serverBuildIsStale()) return false;
  await buildServer();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
