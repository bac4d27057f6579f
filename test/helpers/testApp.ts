/**
 * The real application on a fresh database, driven through HTTP with fastify.inject.
 * `as(person)` gives a small client that keeps that person's session cookie.
 */

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
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
    /** `confirmed: false` leaves the address unconfirmed (by default it is, as if the mailed link was used). */
    extra?: { email?: string; password?: string; confirmed?: boolean },
  ): Promise<Client & { id: string; email: string }>;
  /** The secret of the newest link of this kind mailed to the address (e.g. `reset-password`). */
  mailedLink(email: string, page: string): Promise<string>;
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

/**
 * Every JSON response an integration test receives is checked, by an independent validator
 * (Ajv, JSON Schema 2020-12), against what the OpenAPI document declares for that route and
 * status: a null where the document says string, or a value outside an enum, fails the
 * request with a 500 naming the route and what disagreed.
 */
function checkResponsesAgainstSchemas(app: FastifyInstance, violations: string[]): void {
  let ajv: Ajv2020 | null = null;
  const validators = new Map<string, ValidateFunction | null>();
  const validatorFor = (method: string, url: string, status: number) => {
    const key = `${method} ${url} ${status}`;
    if (validators.has(key)) return validators.get(key) ?? null;
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: false });
      ajv.addSchema(app.swagger() as object, 'openapi');
    }
    const path = url.replace(/:(\w+)/g, '{$1}');
    const escaped = path.replaceAll('~', '~0').replaceAll('/', '~1');
    const pointer = `openapi#/paths/${escaped}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.getSchema(pointer) ?? null;
    validators.set(key, validate);
    return validate;
  };
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!url || typeof payload !== 'string' || !type.startsWith('application/json')) return payload;
    if (reply.statusCode === 204) return payload;
    if (url === '/api/openapi.json' || url.startsWith('/api/docs')) return payload;
    if (request.routeOptions.schema?.hide) return payload;
    const validate = validatorFor(request.method, url, reply.statusCode);
    if (!validate) {
      if (reply.statusCode >= 500) return payload;
      violations.push(
        `${request.method} ${url} answered ${reply.statusCode}, which it does not declare`,
      );
    } else if (!validate(JSON.parse(payload))) {
      violations.push(
        `${request.method} ${url} answered ${reply.statusCode} with a body its OpenAPI schema refuses: ${JSON.stringify(validate.errors).slice(0, 1500)}`,
      );
    }
    return payload;
  });
}

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
  const violations: string[] = [];
  checkResponsesAgainstSchemas(app, violations);

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
      const id = response.json().id as string;
      if (extra.confirmed !== false) {
        await deps.db
          .updateTable('users')
          .set({ email_verified_at: new Date().toISOString() })
          .where('id', '=', id)
          .execute();
        deps.cache.reset();
      }
      return Object.assign(c, { id, email });
    },
    async mailedLink(email, page) {
      // Some mail is queued after the answer (see server/background.ts).
      await deps.later.settle();
      const rows = await deps.db
        .selectFrom('email_outbox')
        .select(['text_body', 'id'])
        .where('to_address', '=', email)
        .orderBy('id', 'desc')
        .execute();
      for (const row of rows) {
        const found = new RegExp(`/${page}/([A-Za-z0-9_-]+)`).exec(row.text_body);
        if (found?.[1]) return found[1];
      }
      throw new Error(`no ${page} link was mailed to ${email}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await deps.bus.close();
      await close();
      if (ownsDatabase) await testDb.drop();
      if (violations.length > 0) {
        throw new Error(
          `Responses that disagree with the OpenAPI document:\n${[...new Set(violations)].join('\n')}`,
        );
      }
    },
  };
  afterAll(() => testApp.close());
  return testApp;
}
