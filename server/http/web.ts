/**
 * Serves the built web app (dist/web) from the same process: hashed assets cached for a
 * year, index.html for the app's pages so the client-side router can take over. Any other
 * path is a 404: JSON under /api/, and otherwise the app (which shows its own "not found"
 * page) with a 404 status, so probes and scanners are not told that everything exists.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors';
import { isPagePath } from '../../core/protocol/pages';
import { errorBody } from './errors';
import { isApiPath } from './securityHeaders';

export async function registerWebApp(app: FastifyInstance, webDistDir: string): Promise<void> {
  const built = existsSync(path.join(webDistDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isGet = request.method === 'GET' || request.method === 'HEAD';
    const pathname = request.url.split(/[?#]/, 1)[0] ?? '/';
    const isPage = isPagePath(pathname);
    if (!isGet || isApiPath(request.url) || (!isPage && !built)) {
      return reply.code(404).send(errorBody(new AppError('not_found', 'There is nothing here.')));
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web app has not been built yet. Run `npm run build`, or start Hearth with `npm start`.',
        );
    }
    return reply
      .code(isPage ? 200 : 404)
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
  });
}
