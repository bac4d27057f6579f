import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { utcToLocal } from '../../core/domain/recurrence';
import { createMailTransport } from '../../server/mail/transport';
import { deliverOutbox } from '../../server/services/mail/deliverOutbox';
import { queueReminders } from '../../server/services/mail/queueReminders';
import { type Client, createTestApp } from '../helpers/testApp';

const t = await createTestApp({ env: { ADMIN_EMAILS: 'admin.meetings@example.org' } });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Person = Client & { id: string; email: string };

const silent = { info() {}, warn() {} };

/** A local date-time `days` from the test clock, at 19:00 in London. */
function localStart(days: number): string {
  const date = utcToLocal(
    new Date(t.clock.now.getTime() + days * DAY).toISOString(),
    'Europe/London',
  );
  return `${date.slice(0, 10)}T19:00`;
}

async function groupOfThree() {
  const steward = await t.signUp('Steward');
  const group = (
    await steward.post('/api/groups', { name: 'Tuesday circle', visibility: 'invite_only' })
  ).json();
  const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
  const bea = await t.signUp('Bea');
  const cal = await t.signUp('Cal');
  await bea.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  await cal.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  return { steward, bea, cal, group };
}

async function fortnightly(steward: Person, groupId: string, extra: object = {}) {
  return steward.post(`/api/groups/${groupId}/meetings`, {
    start: localStart(2),
    timeZone: 'Europe/London',
    rrule: 'FREQ=WEEKLY;INTERVAL=2',
    count: 6,
    until: null,
    venue: {
      kind: 'both',
      name: 'Community hall',
      address: '1 High Street',
      accessNotes: 'Step-free entrance',
      onlineUrl: 'https://call.example.org/room',
    },
    ...extra,
  });
}

describe('schedules', () => {
  it('plans six fortnightly meetings at 7 pm local time, each with a full, fair rota', async () => {
    const { steward, group } = await groupOfThree();
    const response = await fortnightly(steward, group.id);
    expect(response.statusCode).toBe(201);
    const overview = response.json();
    expect(overview.upcoming).toHaveLength(6);
    for (const meeting of overview.upcoming) {
      expect(utcToLocal(meeting.startsAt, 'Europe/London').slice(11)).toBe('19:00');
      expect(meeting.roles).toHaveLength(6);
      // Six roles, three people: two each, never three.
      const holders = meeting.roles.map((r: { holder: { userId: string } }) => r.holder.userId);
      expect(new Set(holders).size).toBe(3);
    }
    const facilitators = overview.upcoming.map(
      (m: { roles: { roleName: string; holder: { userId: string } }[] }) =>
        m.roles.find((r) => r.roleName === 'Facilitator')?.holder.userId,
    );
    const counts = new Map<string, number>();
    for (const id of facilitators) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2]);
  });

  it('explains a bad schedule by field and changes nothing', async () => {
    const { steward, bea, group } = await groupOfThree();
    const bad = await fortnightly(steward, group.id, { rrule: 'FREQ=HOURLY', count: null });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['count', 'rrule']);
    expect((await fortnightly(bea, group.id)).statusCode).toBe(403);
    const past = await fortnightly(steward, group.id, {
      start: '2001-01-01T10:00',
      rrule: null,
      count: null,
    });
    expect(past.statusCode).toBe(400);
    expect((await steward.get(`/api/groups/${group.id}/meetings`)).json().upcoming).toEqual([]);
    const outsider = await t.signUp('Outsider');
    expect((await outsider.get(`/api/groups/${group.id}/meetings`)).statusCode).toBe(404);
  });

  it('respects "not ready" and "can’t make it", and rebalances when someone joins', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const overview = (await fortnightly(steward, group.id)).json();
    const facilitator = overview.roles.find((r: { key: string }) => r.key === 'facilitator');
    const after = (
      await bea.put(`/api/groups/${group.id}/roles/not-ready`, { roleIds: [facilitator.id] })
    ).json();
    expect(after.myNotReady).toEqual([facilitator.id]);
    for (const m of after.upcoming) {
      expect(
        m.roles.find((r: { roleId: string }) => r.roleId === facilitator.id).holder.userId,
      ).not.toBe(bea.id);
    }
    const first = after.upcoming[0];
    await cal.put(`/api/meetings/${first.id}/rsvp`, {
      response: 'not_going',
      note: 'Away that week',
    });
    const meeting = (await steward.get(`/api/meetings/${first.id}`)).json();
    expect(
      meeting.roles.every((r: { holder: { userId: string } }) => r.holder.userId !== cal.id),
    ).toBe(true);
    expect(meeting.rsvps.find((r: { userId: string }) => r.userId === cal.id)).toMatchObject({
      response: 'not_going',
      note: 'Away that week',
    });

    const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
    const dee = await t.signUp('Dee');
    await dee.post(`/api/invites/${invite.token}/accept`, { confirm: true });
    const withDee = (await dee.get(`/api/groups/${group.id}/meetings`)).json();
    expect(withDee.upcoming.some((m: { myRoles: string[] }) => m.myRoles.length > 0)).toBe(true);
  });

  it('leaves a paused role out and adds a group’s own role', async () => {
    const { steward, bea, group } = await groupOfThree();
    const overview = (await fortnightly(steward, group.id)).json();
    const food = overview.roles.find((r: { key: string }) => r.key === 'food');
    const paused = (
      await steward.patch(`/api/groups/${group.id}/roles/${food.id}`, { inRota: false })
    ).json();
    expect(paused.upcoming[0].roles.some((r: { roleId: string }) => r.roleId === food.id)).toBe(
      false,
    );
    const added = await steward.post(`/api/groups/${group.id}/roles`, {
      name: 'Welcomer',
      description: 'Greets newcomers',
    });
    expect(added.statusCode).toBe(201);
    expect(
      added.json().upcoming[0].roles.some((r: { roleName: string }) => r.roleName === 'Welcomer'),
    ).toBe(true);
    expect((await bea.post(`/api/groups/${group.id}/roles`, { name: 'Other' })).statusCode).toBe(
      403,
    );
    expect(
      (await steward.post(`/api/groups/${group.id}/roles`, { name: 'welcomer' })).statusCode,
    ).toBe(400);
  });
});

describe('moving, cancelling, swaps', () => {
  it('moves one meeting with a note, bumping its sequence, and tells members', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const [first, second] = (await fortnightly(steward, group.id)).json().upcoming;
    const moved = await steward.patch(`/api/meetings/${first.id}`, {
      start: localStart(3).replace('19:00', '18:30'),
      note: 'The hall is booked on Tuesday.',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      moved: true,
      changeNote: 'The hall is booked on Tuesday.',
      originalStartsAt: first.startsAt,
    });
    const notes = (await bea.get('/api/me/notifications')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'meeting.changed', subjectId: first.id });
    const host = first.roles.find((r: { roleName: string }) => r.roleName === 'Host / venue').holder
      .userId;
    const notHost = (host === bea.id ? cal : bea) as Person;
    expect((await notHost.patch(`/api/meetings/${first.id}`, { note: 'x' })).statusCode).toBe(403);

    expect((await steward.post(`/api/meetings/${second.id}/cancel`, {})).statusCode).toBe(400);
    const cancelled = await steward.post(`/api/meetings/${second.id}/cancel`, {
      note: 'Bank holiday',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', changeNote: 'Bank holiday' });
    expect(
      (await bea.put(`/api/meetings/${second.id}/rsvp`, { response: 'going' })).json().error.code,
    ).toBe('meeting.closed');
  });

  it('swaps a role: both see the change, and the rota keeps it', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    const meeting = (await steward.get(`/api/meetings/${first.id}`)).json();
    const mine = meeting.roles.find(
      (r: { holder: { userId: string } }) => r.holder.userId === bea.id,
    );
    const theirs = meeting.roles.find(
      (r: { holder: { userId: string } }) => r.holder.userId === cal.id,
    );
    expect(
      (
        await cal.post(`/api/meetings/${first.id}/swaps`, {
          roleId: mine.roleId,
          toUserId: steward.id,
        })
      ).statusCode,
    ).toBe(403);
    const asked = await bea.post(`/api/meetings/${first.id}/swaps`, {
      roleId: mine.roleId,
      toUserId: cal.id,
      note: 'Could you?',
    });
    expect(asked.statusCode).toBe(201);
    const swap = asked.json().swaps[0];
    expect(
      (await cal.get('/api/me/schedule')).json().swaps.map((s: { id: string }) => s.id),
    ).toEqual([swap.id]);
    expect((await bea.post(`/api/swaps/${swap.id}/accept`, { confirm: true })).statusCode).toBe(
      403,
    );
    const accepted = (await cal.post(`/api/swaps/${swap.id}/accept`, { confirm: true })).json();
    const holderOf = (
      d: { roles: { roleId: string; holder: { userId: string } }[] },
      roleId: string,
    ) => d.roles.find((r) => r.roleId === roleId)?.holder.userId;
    expect(holderOf(accepted, mine.roleId)).toBe(cal.id);
    expect(holderOf(accepted, theirs.roleId)).toBe(bea.id);
    expect(holderOf((await bea.get(`/api/meetings/${first.id}`)).json(), mine.roleId)).toBe(cal.id);
    await steward.post(`/api/groups/${group.id}/rota/plan`);
    expect(holderOf((await bea.get(`/api/meetings/${first.id}`)).json(), mine.roleId)).toBe(cal.id);
    expect((await cal.post(`/api/swaps/${swap.id}/decline`)).json().error.code).toBe('swap.closed');
  });
});

describe('attendance and commitment', () => {
  it('the facilitator records arrivals; the commitment view counts kindly', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    const facilitator = (await steward.get(`/api/meetings/${first.id}`))
      .json()
      .roles.find((r: { roleName: string }) => r.roleName === 'Facilitator').holder.userId;
    const people = { [steward.id]: steward, [bea.id]: bea, [cal.id]: cal };
    const fac = people[facilitator] as Person;
    const other = [steward, bea, cal].find(
      (p) => p.id !== facilitator && p.id !== steward.id,
    ) as Person;
    expect(
      (await fac.put(`/api/meetings/${first.id}/attendance`, { records: [] })).json().error.code,
    ).toBe('meeting.closed');
    t.clock.advance(2 * DAY + 20 * HOUR);
    if (other.id !== facilitator) {
      expect(
        (await other.put(`/api/meetings/${first.id}/attendance`, { records: [] })).statusCode,
      ).toBe(403);
    }
    const recorded = await fac.put(`/api/meetings/${first.id}/attendance`, {
      records: [
        { userId: steward.id, status: 'present', arrivedAt: '19:00' },
        { userId: bea.id, status: 'present', arrivedAt: '19:20' },
        { userId: cal.id, status: 'absent', arrivedAt: null },
      ],
    });
    expect(recorded.statusCode).toBe(200);
    const bad = await fac.put(`/api/meetings/${first.id}/attendance`, {
      records: [{ userId: 'nobody', status: 'present', arrivedAt: null }],
    });
    expect(bad.statusCode).toBe(400);
    t.clock.advance(3 * HOUR);
    const commitment = (await bea.get(`/api/groups/${group.id}/commitment`)).json();
    expect(commitment.meetingsHeld).toBe(1);
    const row = (id: string) => commitment.people.find((p: { userId: string }) => p.userId === id);
    expect(row(steward.id)).toMatchObject({ held: 1, attended: 1, onTime: 1, late: 0 });
    expect(row(bea.id)).toMatchObject({ attended: 1, late: 1 });
    expect(row(cal.id)).toMatchObject({ absent: 1 });
  });
});

describe('calendars', () => {
  it('serves a meeting and a personal feed that two independent parsers read', async () => {
    const { steward, bea, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    const single = await bea.get(`/api/meetings/${first.id}/ics`);
    expect(single.headers['content-type']).toContain('text/calendar');
    expect(single.body).toContain('BEGIN:VTIMEZONE');
    expect(single.body).toContain('TZID:Europe/London');
    expect(single.body).toContain(
      `DTSTART;TZID=Europe/London:${first.startsAt ? utcToLocal(first.startsAt, 'Europe/London').replace(/[-:]/g, '') : ''}00`,
    );

    expect((await bea.get('/api/me/calendar')).json()).toMatchObject({ active: false });
    const feed = (await bea.post('/api/me/calendar')).json();
    expect(feed.url).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
    const path = new URL(feed.url).pathname;
    const text = (await t.anon.get(path)).body;

    const parsed = new ICAL.Component(ICAL.parse(text));
    const events = parsed.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(6);
    expect(events[0]?.summary).toContain('Tuesday circle');
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe(first.startsAt);
    const myRoles = (await bea.get(`/api/meetings/${first.id}`)).json().myRoles;
    expect(events[0]?.description).toContain(`Your roles: ${myRoles.join(', ')}`);

    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const byNode = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
    console.warn = original;
    expect(warnings).toEqual([]);
    expect(byNode).toHaveLength(6);
    expect((byNode[0] as { start: Date }).start.toISOString()).toBe(first.startsAt);

    // A new address replaces the old; turning it off stops it.
    const again = (await bea.post('/api/me/calendar')).json();
    expect((await t.anon.get(path)).statusCode).toBe(404);
    await bea.delete('/api/me/calendar');
    expect((await t.anon.get(new URL(again.url).pathname)).statusCode).toBe(404);
    expect((await t.anon.get(`/api/meetings/${first.id}/ics`)).statusCode).toBe(401);
  });

  it('bumps SEQUENCE and DTSTAMP when who holds a role changes, and ends with CRLF', async () => {
    const { steward, cal, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    const read = async () => {
      const ics = (await steward.get(`/api/meetings/${first.id}/ics`)).body;
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component,
      );
      return {
        ics,
        sequence: event.sequence,
        stamp: event.component.getFirstPropertyValue('dtstamp')?.toString(),
      };
    };
    const before = await read();
    expect(before.ics.endsWith('\r\n')).toBe(true);
    t.clock.advance(60_000);
    await cal.put(`/api/meetings/${first.id}/rsvp`, { response: 'not_going', note: null });
    const after = await read();
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.stamp).not.toBe(before.stamp);
  });
});

describe('mail', () => {
  const received: { to: string; body: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) {
        const error = new Error('No such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo[0]?.address ?? '', body });
        callback();
      });
    },
  });
  const port = new Promise<number>((resolve) => {
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port));
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('keeps mail when there is no SMTP server, and shows it to administrators', async () => {
    const { steward, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    await steward.post(`/api/meetings/${first.id}/cancel`, { note: 'The hall flooded' });
    const result = await deliverOutbox(
      t.deps,
      createMailTransport({ smtpUrl: null, from: 'x@y' }),
      silent,
      500,
    );
    expect(result.held).toBeGreaterThanOrEqual(2);
    expect((await steward.get('/api/admin/mail')).statusCode).toBe(403);
    const admin = await t.signUp('Admin', { email: 'admin.meetings@example.org' });
    const outbox = (await admin.get('/api/admin/mail')).json();
    expect(outbox.transport).toBe('none');
    // A mail about a group shows its words only when opened, and the group sees that it was.
    const kept = outbox.items.find((m: { kind: string }) => m.kind === 'meeting.cancelled');
    expect(kept).toMatchObject({ status: 'held', aboutGroup: true, subject: null, text: null });
    const opened = (await admin.get(`/api/admin/mail/${kept.id}`)).json();
    expect(opened.subject).toMatch(/^Cancelled/);
    expect(opened.text).toContain('The hall flooded');
    const record = (await steward.get(`/api/groups/${group.id}/record`)).json();
    expect(record.items[0]).toMatchObject({ action: 'admin.read_mail', actor: 'Admin' });
    expect((await steward.get(`/api/admin/mail/${kept.id}`)).statusCode).toBe(403);
    expect((await admin.post(`/api/admin/mail/${kept.id}/retry`)).statusCode).toBe(204);
    expect((await admin.post(`/api/admin/mail/${kept.id}/retry`)).statusCode).toBe(404);
  });

  it('sends reminders once each, by the person’s choices, over real SMTP; bounces are visible', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const [first] = (await fortnightly(steward, group.id)).json().upcoming;
    await cal.put('/api/me/email-preferences', {
      reminders: [],
      roles: false,
      changes: true,
      proposals: true,
    });
    const transport = createMailTransport({
      smtpUrl: `smtp://127.0.0.1:${await port}`,
      from: 'Hearth <hearth@example.org>',
    });
    await deliverOutbox(t.deps, transport, silent, 500); // clear earlier mail
    received.length = 0;
    // 23 hours before: the day-before reminder and the roles note are due.
    t.clock.advance(Date.parse(first.startsAt) - t.clock.now.getTime() - 23 * HOUR);
    // The job lets the event loop in between meetings: on an evening when many groups meet,
    // live rooms and requests are not held up until every reminder is queued.
    const order: string[] = [];
    const queued = queueReminders(t.deps).then(() => order.push('queued'));
    setImmediate(() => order.push('served'));
    await queued;
    expect(order).toEqual(['served', 'queued']);
    await queueReminders(t.deps);
    await deliverOutbox(t.deps, transport, silent, 500);
    const toBea = received.filter((m) => m.to === bea.email);
    expect(toBea.filter((m) => m.body.includes('Reminder:'))).toHaveLength(1);
    expect(received.some((m) => m.to === cal.email)).toBe(false);
    const reminder = toBea.find((m) => m.body.includes('Reminder:'))?.body ?? '';
    expect(reminder).toContain('Content-Type: text/html');
    expect(reminder).toContain('/email-preferences/');

    // The link in the mail opens the person's choices without signing in.
    const link = /\/email-preferences\/([\w.-]+)/.exec(reminder.replace(/=\r?\n/g, ''))?.[1] ?? '';
    const viaLink = await t.anon.get(`/api/email-preferences/${link}`);
    // Whoever holds the link does not learn the address.
    expect(viaLink.json().email).not.toBe(bea.email);
    expect(viaLink.json().email).toMatch(/^b•+@e•+\.org$/);
    // The mail says it was sent by a machine, and offers one-click unsubscribe (RFC 8058).
    const unfolded = reminder.replace(/\r?\n[ \t]+/g, ' ');
    expect(unfolded).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const oneClick = /^List-Unsubscribe: <([^>]+)>/m.exec(unfolded)?.[1] ?? '';
    expect(oneClick).toContain(`/api/email-preferences/${link}/unsubscribe`);
    const off = await t.anon.put(`/api/email-preferences/${link}`, {
      reminders: [60],
      roles: true,
      changes: true,
      proposals: false,
    });
    expect(off.json().preferences).toMatchObject({ reminders: [60], proposals: false });
    expect((await t.anon.get(`/api/email-preferences/${link}x`)).statusCode).toBe(404);

    // A mail client's one-click POST (a form, from no page of ours) turns optional mail off.
    const clicked = await t.app.inject({
      method: 'POST',
      url: new URL(oneClick).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.statusCode).toBe(204);
    expect((await bea.get('/api/me/email-preferences')).json().preferences).toEqual({
      reminders: [],
      roles: false,
      changes: false,
      proposals: false,
      spaceDigest: 'off',
    });
    // Other routes still refuse a form body.
    const form = await t.app.inject({
      method: 'PUT',
      url: `/api/email-preferences/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'reminders=60',
    });
    expect(form.statusCode).toBe(415);
    await t.anon.put(`/api/email-preferences/${link}`, {
      reminders: [60],
      roles: true,
      changes: true,
      proposals: false,
    });

    // An hour before: the one-hour reminder, once.
    received.length = 0;
    t.clock.advance(22 * HOUR + 30 * 60_000);
    await queueReminders(t.deps);
    await queueReminders(t.deps);
    await deliverOutbox(t.deps, transport, silent, 500);
    expect(received.filter((m) => m.to === bea.email && m.body.includes('Reminder:'))).toHaveLength(
      1,
    );

    // Someone else may hold Bea's mail: she replaces her links, and the old one stops.
    expect((await t.anon.post(`/api/email-preferences/${link}/replace`)).statusCode).toBe(204);
    expect((await t.anon.get(`/api/email-preferences/${link}`)).statusCode).toBe(404);
    const latest = received.filter((m) => m.to === bea.email).at(-1)?.body ?? '';
    const oldInMail = /\/email-preferences\/([\w.-]+)/.exec(latest.replace(/=\r?\n/g, ''))?.[1];
    expect(oldInMail).toBe(link);
    transport.close();
  });

  it('hides the secret part of links from the administrator’s outbox', async () => {
    const { steward, group } = await groupOfThree();
    await steward.post(`/api/groups/${group.id}/invites`, { email: 'secret.friend@example.org' });
    const admin = await t
      .signUp('Admin', { email: 'admin.meetings@example.org' })
      .catch(() => t.newClient());
    if (!('id' in admin)) {
      await admin.post('/api/auth/login', {
        email: 'admin.meetings@example.org',
        password: 'a quiet walk by the river',
      });
    }
    const outbox = (await admin.get('/api/admin/mail')).json();
    const listed = outbox.items.find((m: { to: string }) => m.to === 'secret.friend@example.org');
    const invitation = (await admin.get(`/api/admin/mail/${listed.id}`)).json();
    expect(invitation.text).toContain('/invite/•••');
    expect(invitation.text).not.toMatch(/\/invite\/[A-Za-z0-9_-]{10,}/);
  });

  it('retries with back-off and marks a refused address as failed', async () => {
    const transport = createMailTransport({
      smtpUrl: `smtp://127.0.0.1:${await port}`,
      from: 'hearth@example.org',
    });
    const person = await t.signUp('Bounce', { email: `bounce.${Date.now()}@example.org` });
    // Only the mail below is this test's business, not the sign-up's confirmation.
    await t.deps.db.deleteFrom('email_outbox').where('status', '=', 'pending').execute();
    const { queueMail } = await import('../../server/mail/queueMail');
    await queueMail(t.deps.db, {
      publicUrl: 'http://localhost',
      to: [{ userId: person.id, email: person.email, displayName: 'Bounce' }],
      kind: 'test',
      at: t.clock.now.toISOString(),
      write: () => ({ subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }),
    });
    const result = await deliverOutbox(t.deps, transport, silent, 500);
    expect(result.failed).toBe(1);
    const unreachable = createMailTransport({
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'hearth@example.org',
    });
    await queueMail(t.deps.db, {
      publicUrl: 'http://localhost',
      to: [{ userId: person.id, email: 'someone@example.org', displayName: 'Someone' }],
      kind: 'test',
      at: t.clock.now.toISOString(),
      write: () => ({ subject: 'Later', text: 'Later', html: '<p>Later</p>' }),
    });
    expect((await deliverOutbox(t.deps, unreachable, silent, 500)).retried).toBe(1);
    expect((await deliverOutbox(t.deps, unreachable, silent, 500)).retried).toBe(0);
    t.clock.advance(61_000);
    expect((await deliverOutbox(t.deps, transport, silent, 500)).sent).toBe(1);
    transport.close();
    unreachable.close();
  });
});
