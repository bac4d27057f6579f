/**
 * Every create is safe to retry and to double-click: the same request with the same
 * Idempotency-Key makes one thing and gets the first answer back; planning the same meetings
 * twice is refused with a 409 that says what to do.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { utcToLocal } from '../../core/domain/recurrence';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();
afterAll(() => t.close());

const withKey = (key: string) => ({ 'idempotency-key': key });

describe('idempotency keys', () => {
  it('makes one group from the same request sent twice, and from five at once', async () => {
    const ann = await t.signUp('Ann');
    const first = await ann.post(
      '/api/groups',
      { name: 'Once', visibility: 'closed' },
      withKey('group-key-0001'),
    );
    const again = await ann.post(
      '/api/groups',
      { name: 'Once', visibility: 'closed' },
      withKey('group-key-0001'),
    );
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replay']).toBe('true');

    const together = await Promise.all(
      Array.from({ length: 5 }, () =>
        ann.post(
          '/api/groups',
          { name: 'Together', visibility: 'closed' },
          withKey('group-key-0002'),
        ),
      ),
    );
    expect(new Set(together.map((r) => r.json().id)).size).toBe(1);
    const mine = (await ann.get('/api/me/groups')).json().items;
    expect(mine.map((g: { name: string }) => g.name).sort()).toEqual(['Once', 'Together']);
  });

  it('refuses the same key for a different request, and frees a key whose request was refused', async () => {
    const bo = await t.signUp('Bo');
    await bo.post(
      '/api/groups',
      { name: 'First', visibility: 'closed' },
      withKey('group-key-0003'),
    );
    const other = await bo.post(
      '/api/groups',
      { name: 'Second', visibility: 'closed' },
      withKey('group-key-0003'),
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('request.idempotency_mismatch');

    const refused = await bo.post(
      '/api/groups',
      { name: '', visibility: 'closed' },
      withKey('group-key-0004'),
    );
    expect(refused.statusCode).toBe(400);
    const fixed = await bo.post(
      '/api/groups',
      { name: 'Fixed', visibility: 'closed' },
      withKey('group-key-0004'),
    );
    expect(fixed.statusCode).toBe(201);

    // Keys belong to a person: someone else's key is theirs alone.
    const cy = await t.signUp('Cy');
    const cys = await cy.post(
      '/api/groups',
      { name: 'First', visibility: 'closed' },
      withKey('group-key-0003'),
    );
    expect(cys.statusCode).toBe(201);
    expect(cys.headers['idempotent-replay']).toBeUndefined();
    expect((await bo.post('/api/groups', { name: 'x' }, withKey('bad key!'))).statusCode).toBe(400);
  });

  it('commits one proposal when it is sent again after a lost answer', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Circle', visibility: 'invite_only' })
    ).json();
    const [template] = (await t.anon.get('/api/agreement-templates')).json().items;
    const body = { change: { kind: 'adopt', items: template.items }, reason: 'A start.' };
    const url = `/api/groups/${group.id}/agreement/proposals`;
    const a = await steward.post(url, body, withKey('proposal-key-01'));
    const b = await steward.post(url, body, withKey('proposal-key-01'));
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });

  it('is documented on every create that needs a session', async () => {
    const doc = (await t.anon.get('/api/openapi.json')).json();
    let creates = 0;
    for (const [path, operations] of Object.entries(doc.paths) as [
      string,
      Record<string, { security?: object[]; parameters?: { name: string; in: string }[] }>,
    ][]) {
      const post = operations.post;
      if (!post || JSON.stringify(post.security) !== JSON.stringify([{ session: [] }])) continue;
      creates += 1;
      expect(
        post.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
        path,
      ).toBe(true);
    }
    expect(creates).toBeGreaterThan(20);
  });
});

describe('planning meetings', () => {
  it('refuses to plan the same meetings twice, saying what to do', async () => {
    const steward = await t.signUp('Planner');
    const group = (
      await steward.post('/api/groups', { name: 'Planned', visibility: 'invite_only' })
    ).json();
    const start = utcToLocal(
      new Date(t.clock.now.getTime() + 3 * 86_400_000).toISOString(),
      'Europe/London',
    );
    const body = {
      start: `${start.slice(0, 10)}T19:00`,
      timeZone: 'Europe/London',
      rrule: 'FREQ=WEEKLY',
      count: 4,
      until: null,
      venue: { kind: 'online', name: null, address: null, accessNotes: null, onlineUrl: null },
    };
    const url = `/api/groups/${group.id}/meetings`;
    expect((await steward.post(url, body)).statusCode).toBe(201);
    const twice = await steward.post(url, body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'schedule.duplicate', params: { count: 4 } });
    expect((await steward.get(url)).json().upcoming).toHaveLength(4);
  });
});
