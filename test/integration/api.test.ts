import SwaggerParser from '@apidevtools/swagger-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();
const member = await t.signUp('Member');
const group = (await member.post('/api/groups', { name: 'Hygiene', visibility: 'open' })).json();

describe('the API’s manners', () => {
  it('answers errors as { error: { code, message } } with no stack trace', async () => {
    const response = await t.anon.get('/api/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('never answers bad input with a 500', async () => {
    const targets = [
      '/api/auth/signup',
      '/api/auth/login',
      '/api/groups',
      `/api/groups/${group.id}/invites`,
      `/api/groups/${group.id}/members/${member.id}`,
      '/api/invites/abc/accept',
      '/api/admin/settings',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom('POST', 'PATCH', 'DELETE'),
        fc.oneof(fc.json(), fc.string(), fc.constant('')),
        async (url, method, payload) => {
          const response = await t.app.inject({
            method,
            url,
            headers: { 'content-type': 'application/json', cookie: member.cookie ?? '' },
            payload,
          });
          expect(response.statusCode).toBeLessThan(500);
          const body = response.body ? response.json() : null;
          if (response.statusCode >= 400) expect(body.error.code).toEqual(expect.any(String));
          expect(response.body).not.toMatch(/at .*\.ts:\d+/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects unknown fields, naming them', async () => {
    const response = await member.post('/api/groups', {
      name: 'X',
      visibility: 'open',
      colour: 'red',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({
      colour: { code: 'not_accepted', message: expect.any(String) },
    });
  });

  it('needs JSON for anything that changes state, and refuses other sites', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: member.cookie ?? '' },
      payload: 'name=x&visibility=open',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('request.content_type');
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { 'content-type': 'text/plain', cookie: member.cookie ?? '' },
      payload: '{"name":"x","visibility":"open"}',
    });
    expect(plain.statusCode).toBe(415);
    const crossSite = await member.post(
      '/api/groups',
      { name: 'X', visibility: 'open' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.statusCode).toBe(403);
    const sameSite = await member.post(
      '/api/groups',
      { name: 'X', visibility: 'open' },
      { origin: 'http://localhost:80' },
    );
    expect(sameSite.statusCode).toBe(201);
  });

  it('sends a strict CSP on pages, and never lets API responses be cached, sniffed or framed', async () => {
    const response = await member.get(`/api/groups/${group.id}`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect((await t.anon.get('/healthz')).headers['cache-control']).toBe('no-store');

    const page = await t.anon.get('/groups');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['permissions-policy']).toContain('camera=(self)');
    expect(String((await t.anon.get('/api/docs/')).headers['content-security-policy'])).toContain(
      "script-src 'self'",
    );
  });

  it('documents itself with OpenAPI and a readable page', async () => {
    const spec = (await t.anon.get('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/signup',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/groups',
      '/api/me/groups',
      '/api/groups/{id}',
      '/api/groups/{id}/invites',
      '/api/invites/{token}/accept',
      '/api/groups/{id}/members/{userId}',
      '/api/groups/{id}/meetings',
      '/api/meetings/{meetingId}',
      '/api/calendar/{token}',
      '/healthz',
    ]) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
    expect(
      spec.paths['/api/auth/signup'].post.requestBody.content['application/json'].schema,
    ).toBeTruthy();
    const page = await t.anon.get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
  });

  it('is a valid OpenAPI document to an independent parser, with every $ref resolved', async () => {
    const spec = (await t.anon.get('/api/openapi.json')).json();
    // The parser validates against the OpenAPI schema and dereferences every $ref: a reference
    // into a missing component fails here.
    const checked = await SwaggerParser.validate(structuredClone(spec));
    expect(checked.info.title).toBe('Hearth API');
    const refs = JSON.stringify(spec).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const name = ref.slice('"#/components/schemas/'.length, -1);
      expect(spec.components.schemas, name).toHaveProperty([name]);
    }
    expect(spec.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'hearth_session',
    });
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(spec.paths) as [string, object][]) {
      for (const [method, op] of Object.entries(operations) as [
        string,
        Record<string, unknown>,
      ][]) {
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(ids.has(op.operationId as string), `${op.operationId} twice`).toBe(false);
        ids.add(op.operationId as string);
      }
    }
    expect(spec.paths['/api/me'].get.security).toEqual([{ session: [] }]);
    const feed = spec.paths['/api/calendar/{token}'].get;
    expect(feed.responses['200'].content).toHaveProperty(['text/calendar']);
    expect(feed.responses).toHaveProperty(['404']);
  });

  it('reports health', async () => {
    const response = await t.anon.get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: t.deps.dialect,
      bus: t.deps.dialect === 'sqlite' ? 'in_memory' : 'listening',
    });
  });
});
