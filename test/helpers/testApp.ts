/**
 * The real application on a fresh database, driven through HTTP with fastify.inject.
 * `as(person)` gives a small client that keeps that person's session cookie.
 */

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/client';
import { migrateToLatest } from '../../server/db/migrate';
import { createDeps, type Deps } from '../../server/deps';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: { now: Date; advance(ms: number): void };
  /** A client with no session. */
  anon: Client;
  /** A new client with no session of its own yet (a second device, say). */
  newClient(): Client;
  signUp(
    name: string,
    extra?: { email?: string; password?: string },
  ): Promise<Client & { id: string; email: string }>;
  close(): Promise<void>;
}

export interface Client {
  cookie: string | null;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export const PASSWORD = 'a quiet walk by the river';

let counter = 0;

/** Builds the app for this file; it is closed after the file's tests. */
export async function createTestApp(
  options: { env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestApp> {
  // A database passed in belongs to the caller, who drops it; otherwise this app owns one.
  const testDb = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', ...options.env });
  config.database = testDb.database;
  const { db, dialect, close } = await openDatabase(config.database);
  await migrateToLatest(db);
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const deps = createDeps({ db, dialect, config, now: () => clock.now });
  await deps.bus.ready();
  const app = await buildApp(deps);

  const client = (cookie: string | null): Client => {
    const c: Client = {
      cookie,
      async get(url, headers = {}) {
        return app.inject({
          method: 'GET',
          url,
          headers: { ...headers, ...(c.cookie ? { cookie: c.cookie } : {}) },
        });
      },
      async post(url, body, headers = {}) {
        return send('POST', url, body, headers);
      },
      async patch(url, body) {
        return send('PATCH', url, body, {});
      },
      async put(url, body) {
        return send('PUT', url, body, {});
      },
      async delete(url) {
        return send('DELETE', url, undefined, {});
      },
    };
    async function send(
      method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      body: unknown,
      headers: Record<string, string>,
    ) {
      const response = await app.inject({
        method,
        url,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(c.cookie ? { cookie: c.cookie } : {}),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const set = response.cookies.find((k) => k.name === 'hearth_session');
      if (set) c.cookie = set.value ? `hearth_session=${set.value}` : null;
      return response;
    }
    return c;
  };

  let closed = false;
  const testApp: TestApp = {
    app,
    deps,
    clock,
    anon: client(null),
    newClient: () => client(null),
    async signUp(name, extra = {}) {
      counter += 1;
      const email =
        extra.email ??
        `${name.toLowerCase().replace(/\W/g, '')}.${process.pid}.${counter}@example.org`;
      const c = client(null);
      const response = await c.post('/api/auth/signup', {
        email,
        password: extra.password ?? PASSWORD,
        displayName: name,
      });
      if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
      return Object.assign(c, { id: response.json().id as string, email });
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await deps.bus.close();
      await close();
      if (ownsDatabase) await testDb.drop();
    },
  };
  afterAll(() => testApp.close());
  return testApp;
}
