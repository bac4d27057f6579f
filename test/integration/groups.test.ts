import { describe, expect, it } from 'vitest';
import { isListed } from '../../core/domain/lifecycle';
import { listDirectory } from '../../server/db/queries/groups';
import { groupPolicy } from '../../server/policies/groups';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp({ env: { ADMIN_EMAILS: 'coordinator@example.org' } });

const newGroup = (overrides: Record<string, unknown> = {}) => ({
  name: 'Carers’ circle',
  purpose: 'Support for people caring for a disabled child',
  visibility: 'open',
  ...overrides,
});

describe('creating a group', () => {
  it('makes the creator its steward with a default cap of six', async () => {
    const ann = await t.signUp('Ann');
    const response = await ann.post(
      '/api/groups',
      newGroup({ description: 'We meet fortnightly.' }),
    );
    expect(response.statusCode).toBe(201);
    const group = response.json();
    expect(group).toMatchObject({
      name: 'Carers’ circle',
      sizeCap: 6,
      memberCount: 1,
      seatsLeft: 5,
      myRole: 'steward',
      description: 'We meet fortnightly.',
      can: { invite: true, leave: true, manageMembers: true, join: false },
    });
    expect(group.members).toEqual([
      expect.objectContaining({ userId: ann.id, role: 'steward', displayName: 'Ann' }),
    ]);
    const mine = (await ann.get('/api/me/groups')).json();
    expect(mine.items.map((g: { id: string }) => g.id)).toContain(group.id);
  });

  it('keeps the purpose to twelve words', async () => {
    const ann = await t.signUp('Ann');
    const thirteen = 'one two three four five six seven eight nine ten eleven twelve thirteen';
    const response = await ann.post('/api/groups', newGroup({ purpose: thirteen }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.purpose.message).toMatch(/12 words/);
  });

  it('holds the cap within the deployment maximum, which administrators set', async () => {
    const ann = await t.signUp('Ann');
    expect(
      (await ann.post('/api/groups', newGroup({ sizeCap: 13 }))).json().error.fields.sizeCap,
    ).toMatchObject({ code: 'size_above_deployment', params: { max: 12 } });
    expect((await ann.post('/api/groups', newGroup({ sizeCap: 1 }))).statusCode).toBe(400);
    expect((await ann.post('/api/groups', newGroup({ sizeCap: 8 }))).json().sizeCap).toBe(8);

    expect((await ann.patch('/api/admin/settings', { sizeCapMax: 20 })).statusCode).toBe(403);
    const coordinator = await t.signUp('Coordinator', { email: 'coordinator@example.org' });
    const changed = await coordinator.patch('/api/admin/settings', {
      sizeCapMax: 20,
      deploymentName: 'Evaluation Exchange',
      crisisResources: 'Call 116 123.',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ sizeCapMax: 20, deploymentName: 'Evaluation Exchange' });
    expect((await t.anon.get('/api/settings')).json().crisisResources).toBe('Call 116 123.');
    expect((await ann.post('/api/groups', newGroup({ sizeCap: 13 }))).statusCode).toBe(201);
    await coordinator.patch('/api/admin/settings', { sizeCapMax: 12 });
  });

  it('needs a signed-in person', async () => {
    const response = await t.anon.post('/api/groups', newGroup());
    expect(response.statusCode).toBe(401);
  });
});

describe('seeing groups', () => {
  it('hides invite-only groups from everyone but their members (404, not 403)', async () => {
    const steward = await t.signUp('Steward');
    const outsider = await t.signUp('Outsider');
    const hidden = (
      await steward.post('/api/groups', newGroup({ name: 'Hidden', visibility: 'invite_only' }))
    ).json();
    expect((await outsider.get(`/api/groups/${hidden.id}`)).statusCode).toBe(404);
    expect((await t.anon.get(`/api/groups/${hidden.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/groups/not-a-group')).statusCode).toBe(404);
    expect((await steward.get(`/api/groups/${hidden.id}`)).statusCode).toBe(200);
    // Acting on it is the same 404 as it not existing.
    expect(
      (await outsider.post(`/api/groups/${hidden.id}/join`, { confirm: true })).statusCode,
    ).toBe(404);
    expect((await outsider.post(`/api/groups/${hidden.id}/invites`, {})).statusCode).toBe(404);
  });

  it('shows open and closed groups to everyone, but members only to members', async () => {
    const steward = await t.signUp('Steward');
    const closed = (
      await steward.post('/api/groups', newGroup({ name: 'Closed', visibility: 'closed' }))
    ).json();
    const seen = (await t.anon.get(`/api/groups/${closed.id}`)).json();
    expect(seen).toMatchObject({ name: 'Closed', members: null, myRole: null });
    expect(seen.can).toEqual({
      join: false,
      joinWaitlist: false,
      apply: false,
      invite: false,
      leave: false,
      close: false,
      manageMembers: false,
      edit: false,
      space: false,
      manageStaff: false,
      stepAway: false,
    });
    const someone = await t.signUp('Someone');
    expect((await someone.get(`/api/groups/${closed.id}`)).json().can.apply).toBe(true);
  });

  it('lists in the directory exactly the groups the group policy lets a non-member see', async () => {
    const steward = await t.signUp('Steward');
    for (const visibility of ['open', 'closed', 'invite_only', 'open', 'invite_only']) {
      await steward.post('/api/groups', newGroup({ name: `Directory ${visibility}`, visibility }));
    }
    const all = await t.deps.db
      .selectFrom('groups')
      .select(['id', 'visibility', 'stage'])
      .execute();
    const visible = all
      .filter((g) => groupPolicy.view('non_member', g) && isListed(g.stage))
      .map((g) => g.id)
      .sort();
    const listed = (
      await listDirectory(t.deps.db, {
        limit: 10_000,
        viewerId: null,
        now: new Date().toISOString(),
      })
    )
      .map((g) => g.id)
      .sort();
    expect(listed).toEqual(visible);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/groups?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.anon.get(url)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      pages.push(...page.items.map((g: { id: string }) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.sort()).toEqual(visible);
  });

  it('searches the directory by name or purpose, treating wildcards as text', async () => {
    const steward = await t.signUp('Steward');
    await steward.post(
      '/api/groups',
      newGroup({ name: 'Listening 100% circle', purpose: 'Deep listening for nurses' }),
    );
    const byName = (await t.anon.get('/api/groups?q=100%25')).json();
    expect(byName.items.map((g: { name: string }) => g.name)).toEqual(['Listening 100% circle']);
    const byPurpose = (await t.anon.get('/api/groups?q=NURSES')).json();
    expect(byPurpose.items).toHaveLength(1);
    expect((await t.anon.get('/api/groups?q=_')).json().items).toHaveLength(0);
    expect((await t.anon.get('/api/groups?limit=0')).statusCode).toBe(400);
  });
});

describe('membership', () => {
  it('lets people join an open group, and only an open group', async () => {
    const steward = await t.signUp('Steward');
    const open = (await steward.post('/api/groups', newGroup())).json();
    const closed = (await steward.post('/api/groups', newGroup({ visibility: 'closed' }))).json();
    const joiner = await t.signUp('Joiner');
    expect((await joiner.get(`/api/groups/${open.id}`)).json().can.join).toBe(true);
    const joined = await joiner.post(`/api/groups/${open.id}/join`, { confirm: true });
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ myRole: 'member', memberCount: 2 });
    expect((await joiner.post(`/api/groups/${open.id}/join`, { confirm: true })).statusCode).toBe(
      409,
    );
    const refused = await joiner.post(`/api/groups/${closed.id}/join`, { confirm: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/application/);
    const unconfirmed = await (await t.signUp('Hasty')).post(`/api/groups/${open.id}/join`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.fields.confirm.message).toMatch(/confirm/);
  });

  it('lets a member leave and a steward remove, and no one else', async () => {
    const steward = await t.signUp('Steward');
    const group = (await steward.post('/api/groups', newGroup())).json();
    const [a, b] = [await t.signUp('A'), await t.signUp('B')];
    await a.post(`/api/groups/${group.id}/join`, { confirm: true });
    await b.post(`/api/groups/${group.id}/join`, { confirm: true });

    const notAllowed = await a.delete(`/api/groups/${group.id}/members/${b.id}`);
    expect(notAllowed.statusCode).toBe(403);
    expect(notAllowed.json().error.code).toBe('forbidden');

    expect((await a.delete(`/api/groups/${group.id}/members/${a.id}`)).statusCode).toBe(204);
    expect((await steward.delete(`/api/groups/${group.id}/members/${b.id}`)).statusCode).toBe(204);
    expect((await steward.delete(`/api/groups/${group.id}/members/${b.id}`)).statusCode).toBe(404);
    const after = (await steward.get(`/api/groups/${group.id}`)).json();
    expect(after.members.map((m: { userId: string }) => m.userId)).toEqual([steward.id]);
    expect((await b.get('/api/me/groups')).json().items).toEqual([]);
  });

  it('always keeps a steward, and stewards can make stewards', async () => {
    const steward = await t.signUp('Steward');
    const group = (await steward.post('/api/groups', newGroup())).json();
    const member = await t.signUp('Member');
    await member.post(`/api/groups/${group.id}/join`, { confirm: true });

    const lonely = await steward.delete(`/api/groups/${group.id}/members/${steward.id}`);
    expect(lonely.statusCode).toBe(409);
    expect(lonely.json().error.code).toBe('group.last_steward');

    expect(
      (await member.patch(`/api/groups/${group.id}/members/${member.id}`, { role: 'steward' }))
        .statusCode,
    ).toBe(403);
    const promoted = await steward.patch(`/api/groups/${group.id}/members/${member.id}`, {
      role: 'steward',
    });
    expect(promoted.statusCode).toBe(200);
    expect(
      promoted.json().members.filter((m: { role: string }) => m.role === 'steward'),
    ).toHaveLength(2);
    expect(
      (await member.patch(`/api/groups/${group.id}/members/${steward.id}`, { role: 'member' }))
        .statusCode,
    ).toBe(403);
    // Removal follows the same rule as demotion: not even the founder can be removed.
    const removal = await member.delete(`/api/groups/${group.id}/members/${steward.id}`);
    expect(removal.statusCode).toBe(403);
    expect(removal.json().error).toMatchObject({
      code: 'group.steward_demotion',
      params: { why: 'removal' },
    });
    expect((await steward.delete(`/api/groups/${group.id}/members/${steward.id}`)).statusCode).toBe(
      204,
    );
    expect((await member.get(`/api/groups/${group.id}`)).json().can.manageMembers).toBe(true);
  });

  it('lets the last member leave, closing the group with them', async () => {
    const steward = await t.signUp('Alone');
    const group = (await steward.post('/api/groups', newGroup())).json();
    const left = await steward.delete(`/api/groups/${group.id}/members/${steward.id}`);
    expect(left.statusCode).toBe(204);
    expect((await steward.get('/api/me/groups')).json().items).toEqual([]);
    const life = await t.deps.db
      .selectFrom('group_stage_changes')
      .select(['to_stage', 'reason'])
      .where('group_id', '=', group.id)
      .execute();
    expect(life).toEqual([{ to_stage: 'adjourned', reason: 'last_member_left' }]);
  });

  it('lets the only member close the group and stay, and refuses while others remain', async () => {
    const steward = await t.signUp('Founder');
    const friend = await t.signUp('Friend');
    const group = (await steward.post('/api/groups', newGroup())).json();
    expect((await steward.get(`/api/groups/${group.id}`)).json().can.close).toBe(true);
    expect((await friend.post(`/api/groups/${group.id}/join`, { confirm: true })).statusCode).toBe(
      200,
    );
    expect((await steward.get(`/api/groups/${group.id}`)).json().can.close).toBe(false);
    const refused = await steward.post(`/api/groups/${group.id}/close`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('group.others_remain');
    expect((await friend.post(`/api/groups/${group.id}/close`)).statusCode).toBe(403);

    expect((await friend.delete(`/api/groups/${group.id}/members/${friend.id}`)).statusCode).toBe(
      204,
    );
    const closed = await steward.post(`/api/groups/${group.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      stage: 'adjourned',
      changes: [{ to: 'adjourned', reason: 'closed_by_last_member', by: 'Founder' }],
    });
    // They stay, with the history to read; the group cannot close twice.
    const page = (await steward.get(`/api/groups/${group.id}`)).json();
    expect(page).toMatchObject({ myRole: 'steward', stage: 'adjourned' });
    expect(page.can).toMatchObject({ close: false, leave: true });
    const again = await steward.post(`/api/groups/${group.id}/close`);
    expect(again.json().error.code).toBe('group.adjourned');
  });

  it('holds the size cap when many join at the same moment', async () => {
    const steward = await t.signUp('Steward');
    const group = (await steward.post('/api/groups', newGroup({ sizeCap: 3 }))).json();
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => t.signUp(`Rush ${i}`)));
    const results = await Promise.all(
      people.map((p) => p.post(`/api/groups/${group.id}/join`, { confirm: true })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(2);
    expect(codes.filter((c) => c === 409)).toHaveLength(6);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('group.full');
    const final = (await steward.get(`/api/groups/${group.id}`)).json();
    expect(final.memberCount).toBe(3);
    expect(final.seatsLeft).toBe(0);
  });

  it('records who joined, left and was removed, in the audit log', async () => {
    const steward = await t.signUp('Steward');
    const group = (await steward.post('/api/groups', newGroup())).json();
    const m = await t.signUp('M');
    await m.post(`/api/groups/${group.id}/join`, { confirm: true });
    await steward.delete(`/api/groups/${group.id}/members/${m.id}`);
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'subject_id'])
      .where('group_id', '=', group.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'group.created',
      'member.joined',
      'member.removed',
    ]);
    expect(events[2]).toMatchObject({ actor_id: steward.id, subject_id: m.id });
  });
});
