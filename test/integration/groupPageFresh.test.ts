/**
 * The group page never goes stale. Every write that changes what it shows goes through the
 * one write path, which forgets the group's cached views; so after each kind of write, the
 * page read (from the cache when it can be) shows the change. Runs on SQLite and on
 * PostgreSQL, where the same cache is on while the node listens to the bus.
 */
import { describe, expect, it } from 'vitest';
import { utcToLocal } from '../../core/domain/recurrence';
import { settleWaitlists } from '../../server/services/joining/settleWaitlists';
import { type Client, createTestApp } from '../helpers/testApp';

const t = await createTestApp();
const DAY = 86_400_000;
const confirm = { confirm: true };

function localStart(days: number): string {
  const date = utcToLocal(
    new Date(t.clock.now.getTime() + days * DAY).toISOString(),
    'Europe/London',
  );
  return `${date.slice(0, 10)}T19:00`;
}

/** Reads the group page twice (the second read comes from the cache when it is on). */
async function page(who: Client, groupId: string) {
  await who.get(`/api/groups/${groupId}`);
  const response = await who.get(`/api/groups/${groupId}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('the group page after every kind of write', () => {
  it('shows the cache is in use where it should be', () => {
    expect(t.deps.cache.enabled()).toBe(true);
  });

  it('shows meetings as they are planned, moved and cancelled', async () => {
    const steward = await t.signUp('Steward');
    const group = (await steward.post('/api/groups', { name: 'Fresh', visibility: 'open' })).json();
    expect((await page(steward, group.id)).nextMeetingAt).toBeNull();

    const planned = await steward.post(`/api/groups/${group.id}/meetings`, {
      start: localStart(3),
      timeZone: 'Europe/London',
      rrule: 'FREQ=WEEKLY',
      count: 3,
      until: null,
      venue: { kind: 'online', name: null, address: null, accessNotes: null, onlineUrl: null },
    });
    expect(planned.statusCode).toBe(201);
    const [first, second] = planned.json().upcoming;
    expect((await page(steward, group.id)).nextMeetingAt).toBe(first.startsAt);

    const moved = await steward.patch(`/api/meetings/${first.id}`, {
      start: localStart(1),
      note: 'Earlier this week',
    });
    expect(moved.statusCode).toBe(200);
    expect((await page(steward, group.id)).nextMeetingAt).toBe(moved.json().startsAt);

    await steward.post(`/api/meetings/${first.id}/cancel`, { note: 'The room is closed' });
    expect((await page(steward, group.id)).nextMeetingAt).toBe(second.startsAt);

    await steward.patch(`/api/groups/${group.id}/meeting-settings`, { meetingMinutes: 60 });
    expect((await page(steward, group.id)).nextMeetingAt).toBe(second.startsAt);
  });

  it('shows who is in the group as people join, are made stewards, leave and are removed', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Members', visibility: 'open', sizeCap: 3 })
    ).json();
    const [ann, ben, cal, dee] = [
      await t.signUp('Ann'),
      await t.signUp('Ben'),
      await t.signUp('Cal'),
      await t.signUp('Dee'),
    ];
    expect((await page(steward, group.id)).memberCount).toBe(1);

    await ann.post(`/api/groups/${group.id}/join`, confirm);
    expect((await page(steward, group.id)).memberCount).toBe(2);

    await steward.patch(`/api/groups/${group.id}/members/${ann.id}`, { role: 'steward' });
    const roles = (await page(steward, group.id)).members.map((m: { role: string }) => m.role);
    expect(roles).toEqual(['steward', 'steward']);

    await ben.post(`/api/groups/${group.id}/join`, confirm);
    expect((await page(cal, group.id)).can).toMatchObject({ join: false, joinWaitlist: true });

    await cal.post(`/api/groups/${group.id}/waitlist`, confirm);
    await dee.post(`/api/groups/${group.id}/waitlist`, confirm);
    expect((await page(steward, group.id)).waitlistLength).toBe(2);

    await dee.delete(`/api/groups/${group.id}/waitlist`);
    expect((await page(steward, group.id)).waitlistLength).toBe(1);

    // Ben leaves: his seat is offered to Cal, and held for him.
    await ben.delete(`/api/groups/${group.id}/members/${ben.id}`);
    const afterLeaving = await page(steward, group.id);
    expect(afterLeaving.memberCount).toBe(2);
    expect(afterLeaving.can).toMatchObject({ manageMembers: true });

    await cal.post(`/api/groups/${group.id}/waitlist/claim`);
    const afterClaim = await page(steward, group.id);
    expect(afterClaim.memberCount).toBe(3);
    expect(afterClaim.waitlistLength).toBe(0);

    await steward.delete(`/api/groups/${group.id}/members/${cal.id}`);
    expect((await page(steward, group.id)).memberCount).toBe(2);
    // The removed member sees the group as an outsider at once.
    expect((await page(cal, group.id)).myRole).toBeNull();
  });

  it('shows an offer that lapsed passing on (a job writing, not a person)', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Lapsing', visibility: 'open', sizeCap: 2 })
    ).json();
    const [ann, ben] = [await t.signUp('Ann'), await t.signUp('Ben')];
    await ann.post(`/api/groups/${group.id}/join`, confirm);
    await ben.post(`/api/groups/${group.id}/waitlist`, confirm);
    await ann.delete(`/api/groups/${group.id}/members/${ann.id}`);
    expect((await page(steward, group.id)).waitlistLength).toBe(1);
    t.clock.advance(3 * DAY);
    await settleWaitlists(t.deps);
    expect((await page(steward, group.id)).waitlistLength).toBe(0);
    t.clock.advance(-3 * DAY);
  });

  it('shows what a steward changes, an invitation accepted, and an application accepted', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Before', visibility: 'closed' })
    ).json();
    expect((await page(steward, group.id)).name).toBe('Before');

    await steward.patch(`/api/groups/${group.id}`, {
      name: 'After',
      tags: ['carers'],
      sessionAgenda: [{ title: 'Round', kind: 'round', minutes: 30, guide: '' }],
    });
    const edited = await page(steward, group.id);
    expect(edited).toMatchObject({ name: 'After', tags: ['carers'] });
    expect(edited.sessionAgenda).toHaveLength(1);

    const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
    const invited = await t.signUp('Invited');
    await invited.post(`/api/invites/${invite.token}/accept`, confirm);
    expect((await page(steward, group.id)).memberCount).toBe(2);

    const applicant = await t.signUp('Applicant');
    const application = (
      await applicant.post(`/api/groups/${group.id}/applications`, {
        ...confirm,
        answers: { hope: 'Company', bring: 'Tea', commit: 'Yes, all of them' },
      })
    ).json();
    await steward.post(`/api/applications/${application.id}/decision`, { outcome: 'accept' });
    expect((await page(steward, group.id)).memberCount).toBe(3);
  });

  it('shows the purpose the group adopts', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Purpose', visibility: 'open' })
    ).json();
    expect((await page(steward, group.id)).purpose).toBeNull();
    await steward.post(`/api/groups/${group.id}/purpose/drafts`, {
      purpose: 'Peer support for new parents',
    });
    // The steward is the only member, so proposing it adopts it.
    expect((await page(steward, group.id)).purpose).toBe('Peer support for new parents');
  });
});
