/**
 * Builds the HTTP application from its dependencies. main.ts wires real ones; tests build
 * the same app on a fresh database.
 */

import type { Socket } from 'node:net';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { LIVE_MAX_MESSAGE_BYTES, LIVE_RESTARTING } from '../core/protocol/live';
import type { Deps } from './deps';
import { accountRoutes } from './http/account';
import { adminRoutes } from './http/admin';
import { agreementRoutes } from './http/agreement';
import { authRoutes } from './http/auth';
import { calendarRoutes } from './http/calendar';
import { decisionRoutes } from './http/decisions';
import { emailPreferenceRoutes } from './http/emailPreferences';
import { declareRefusals } from './http/errorResponses';
import { frameworkErrors, registerErrorHandling } from './http/errors';
import { groupRoutes } from './http/groups';
import { registerIdempotency } from './http/idempotency';
import { inviteRoutes } from './http/invites';
import { joiningRoutes } from './http/joining';
import { lifecycleRoutes } from './http/lifecycle';
import { liveRoutes } from './http/live';
import { meetingRoutes } from './http/meetings';
import { notificationRoutes } from './http/notifications';
import { openApiOptions } from './http/openapi';
import { passkeyRoutes } from './http/passkeys';
import { purposeRoutes } from './http/purpose';
import { recordingRoutes } from './http/recordings';
import { registerRequestGuards } from './http/requestGuards';
import { rotaRoutes } from './http/rota';
import { registerSecurityHeaders } from './http/securityHeaders';
import { serializerCompiler } from './http/serializer';
import { settingsRoutes } from './http/settings';
import { spaceRoutes } from './http/space';
import { registerViewer } from './http/viewer';
import { registerWebApp } from './http/web';
import { LiveNode } from './live/node';
import { saveHeldRooms } from './live/rooms';
import { SpaceHub } from './live/spaceHub';

/** Every resource's routes: adding an area adds its file here. */
const ROUTES = [
  authRoutes,
  accountRoutes,
  passkeyRoutes,
  groupRoutes,
  inviteRoutes,
  joiningRoutes,
  purposeRoutes,
  decisionRoutes,
  lifecycleRoutes,
  agreementRoutes,
  meetingRoutes,
  rotaRoutes,
  calendarRoutes,
  emailPreferenceRoutes,
  notificationRoutes,
  settingsRoutes,
  adminRoutes,
  spaceRoutes,
  recordingRoutes,
];

/** How long a WebSocket upgrade may wait for an answer before its socket is closed. */
const UPGRADE_TIMEOUT_MS = 10_000;

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      // Quiet while starting, so `npm start` prints one line; main.ts raises it once listening.
      level: deps.config.logLevel === 'silent' ? 'silent' : 'warn',
      // Request logs carry the route pattern, never the URL (it can hold an invitation token),
      // and never headers, cookies or bodies.
      serializers: { req: () => ({}), res: () => ({}) },
    },
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  // A WebSocket upgrade that no route takes over is closed within a bounded time, whatever
  // answered it (ws clears this timeout on the sockets it does take over).
  deps.later.log = app.log;
  // Work started by requests finishes before the app closes.
  app.addHook('onClose', async () => deps.later.settle());
  app.server.on('upgrade', (_request, socket: Socket) => {
    socket.setTimeout(UPGRADE_TIMEOUT_MS, () => socket.destroy());
  });
  app.setValidatorCompiler(validatorCompiler);
  declareRefusals(app);
  app.setSerializerCompiler(serializerCompiler);

  // One line per request at info level and below; no hook at all when quieter.
  if (['info', 'debug', 'trace'].includes(deps.config.logLevel)) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? '(no route)',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });
  }

  registerErrorHandling(app);
  registerSecurityHeaders(app, deps.config);
  registerRequestGuards(app, deps.config);
  registerViewer(app, deps);
  registerIdempotency(app, deps);

  await app.register(fastifySwagger, openApiOptions);
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    theme: { title: 'Hearth API' },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const routes of ROUTES) await app.register(routes(deps));
  const liveNode = new LiveNode(deps);
  const spaceHub = new SpaceHub(deps);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: LIVE_MAX_MESSAGE_BYTES },
    // Before the server stops listening (it waits for every connection, live sockets
    // included): each live socket is closed with "restarting", so its person reconnects.
    preClose(this: FastifyInstance, done: () => void) {
      liveNode.close();
      spaceHub.close();
      for (const client of this.websocketServer.clients) {
        client.close(LIVE_RESTARTING.code, LIVE_RESTARTING.reason);
      }
      this.websocketServer.close(() => {});
      done();
    },
  });
  await app.register(liveRoutes(deps, liveNode, spaceHub));
  // Stopping on purpose, the rooms this node holds are saved whole (decision 022).
  app.addHook('onClose', async () => saveHeldRooms(deps));
  await registerWebApp(app, deps.config.webDistDir);
  return app;
}
