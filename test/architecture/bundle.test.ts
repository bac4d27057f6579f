/**
 * The compiled server (scripts/buildServer.mjs) cannot carry files a package reads from its
 * own folder: such a package must stay external. This builds the bundle in memory and
 * fails when a bundled package reaches for its folder, outside code paths Hearth never
 * takes (pino's worker transports).
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUILD_OPTIONS } from '../../scripts/buildServer.mjs';

/** Bundled files that mention their folder only for features Hearth does not use. */
const UNUSED_PATHS = new Set([
  // Log transports in worker threads: Hearth logs to stdout.
  'node_modules/pino/lib/transport.js',
  'node_modules/thread-stream/index.js',
  // Reads its own package.json, in a try, for an OpenAPI title and version Hearth sets.
  'node_modules/@fastify/swagger/lib/util/read-package-json.js',
]);

describe('the compiled server', () => {
  it('bundles no package that reads files from its own folder', async () => {
    const result = await build({
      ...BUILD_OPTIONS,
      write: false,
      outfile: 'dist/server/main.mjs',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    // The server, core and the libraries: hundreds of files (a wrong setting builds nothing).
    expect(inputs.filter((file) => file.startsWith('server/')).length).toBeGreaterThan(100);
    expect(inputs.filter((file) => file.startsWith('node_modules/')).length).toBeGreaterThan(100);
    const reaching = inputs
      .filter((file) => file.startsWith('node_modules/') && !UNUSED_PATHS.has(file))
      .filter((file) =>
        /__dirname|__filename|import\.meta\.(url|dirname)|require\.resolve/.test(
          readFileSync(file, 'utf8'),
        ),
      );
    expect(reaching).toEqual([]);
  }, 30_000);
});

describe('the server’s Node.js flags', () => {
  it('are the same for `npm start` as for the nodes tests and benchmarks start', async () => {
    const { SERVER_NODE_FLAGS } = await import('../../scripts/serverFlags.mjs');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} scripts/start.mjs`);
  });
});
