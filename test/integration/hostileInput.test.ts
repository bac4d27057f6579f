/**
 * Inputs an attacker would send: NUL characters anywhere, CR/LF in names that reach a
 * calendar file. Runs on SQLite and on PostgreSQL (which cannot store a NUL in text).
 */
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();
afterAll(() => t.close());

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
}

describe('NUL characters', () => {
  it('are refused with a 400 naming the field, in every body, path and query', async () => {
    const person = await t.signUp('Nul');
    const doc = (await t.anon.get('/api/openapi.json')).json() as OpenApi;
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const upper = method.toUpperCase();
        const withNulParams = path.replace(/\{[^}]+\}/g, 'x%00y');
        const hasParams = withNulParams !== path;
        if (hasParams) {
          const response = await t.app.inject({
            method: upper as 'GET',
            url: withNulParams,
            headers: { cookie: person.cookie ?? '', 'content-type': 'application/json' },
            ...(upper === 'GET' ? {} : { payload: '{}' }),
          });
          expect([400, 404], `${upper} ${path} (path)`).toContain(response.statusCode);
          checked += 1;
        }
        // Every JSON body (a recording's slice is bytes, not JSON).
        if (operation.requestBody?.content?.['application/json']) {
          const response = await t.app.inject({
            method: upper as 'POST',
            url: path.replace(/\{[^}]+\}/g, 'some-id'),
            headers: { cookie: person.cookie ?? '', 'content-type': 'application/json' },
            payload: JSON.stringify({ name: 'a\u0000b', nested: { list: ['fine', 'x\u0000'] } }),
          });
          expect(response.statusCode, `${upper} ${path} (body)`).toBe(400);
          expect(response.json().error.fields).toHaveProperty('name');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    const query = await person.get('/api/groups?q=a%00b');
    expect(query.statusCode).toBe(400);
    expect(query.json().error.fields.q.code).toBe('invalid');
  });

  it('is refused in a real create, and nothing is made', async () => {
    const person = await t.signUp('Nul maker');
    const response = await person.post('/api/groups', { name: 'Quiet\u0000circle' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.name.message).toMatch(/NUL/);
    expect((await person.get('/api/me/groups')).json().items ?? []).toHaveLength(0);
  });
});

describe('names that reach a calendar', () => {
  it('cannot add lines or events to an .ics file', async () => {
    const steward = await t.signUp('Steward');
    const payload = 'Circle\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected;x,y\\';
    const group = (
      await steward.post('/api/groups', { name: 'Circle', visibility: 'invite_only' })
    ).json();
    expect((await steward.patch(`/api/groups/${group.id}`, { name: payload })).statusCode).toBe(
      200,
    );
    const start = new Date(t.clock.now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const plan = await steward.post(`/api/groups/${group.id}/meetings`, {
      start: `${start}T19:00`,
      timeZone: 'Europe/London',
      rrule: null,
      count: 1,
      until: null,
      venue: {
        kind: 'in_person',
        name: 'Hall\r\nBEGIN:VALARM',
        address: 'x\u000by',
        accessNotes: null,
        onlineUrl: null,
      },
    });
    expect(plan.statusCode).toBe(201);
    const [meeting] = plan.json().upcoming;
    const ics = (await steward.get(`/api/meetings/${meeting.id}/ics`)).body;
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(ics).not.toMatch(/^(SUMMARY:Injected|BEGIN:VALARM)/m);
    expect(ics).toMatch(/^ORGANIZER;CN=.*:mailto:/m);
    // Every line ends with CRLF; no bare CR or LF and no other control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f]/);
    const parsed = new ICAL.Component(ICAL.parse(ics));
    const events = parsed.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(new ICAL.Event(events[0]).summary).toContain('Injected;x,y\\');
  });
});
