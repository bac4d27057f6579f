import { describe, expect, it } from 'vitest';
import { settleDueProposals } from '../../server/services/agreement/settleDueProposals';
import { type Client, createTestApp } from '../helpers/testApp';

const t = await createTestApp();
const DAY = 86_400_000;

type Person = Client & { id: string };

/** A group with a steward and two members, all in. */
async function threeMembers(visibility = 'invite_only') {
  const steward = await t.signUp('Steward');
  const group = (await steward.post('/api/groups', { name: 'Circle', visibility })).json();
  const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
  const bea = await t.signUp('Bea');
  const cal = await t.signUp('Cal');
  await bea.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  await cal.post(`/api/invites/${invite.token}/accept`, { confirm: true });
  return { steward, bea, cal, group, base: `/api/groups/${group.id}/agreement` };
}

const template = async () => (await t.anon.get('/api/agreement-templates')).json().items;

async function adoptTemplate(who: { steward: Person; bea: Person; cal: Person; base: string }) {
  const [peer] = await template();
  const proposal = (
    await who.steward.post(`${who.base}/proposals`, {
      change: { kind: 'adopt', items: peer.items },
      reason: 'A starting point we can change together.',
    })
  ).json();
  await who.bea.put(`${who.base}/proposals/${proposal.id}/response`, { response: 'agree' });
  await who.cal.put(`${who.base}/proposals/${proposal.id}/response`, { response: 'agree' });
  return proposal;
}

describe('templates', () => {
  it('ships peer support, peer development and focus group templates', async () => {
    const items = await template();
    expect(items.map((x: { key: string }) => x.key)).toEqual([
      'peer-support',
      'peer-development',
      'focus-group',
    ]);
    const titles = items[0].items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Confidentiality',
        'Advice giving',
        'Graphic language',
        'Time',
        'Phones',
      ]),
    );
  });
});

describe('who may see the agreement', () => {
  it('is members only: 401 signed out, 404 for hidden groups, 403 for visible ones', async () => {
    const { base: hidden } = await threeMembers('invite_only');
    const { base: open } = await threeMembers('open');
    const outsider = await t.signUp('Outsider');
    expect((await t.anon.get(open)).statusCode).toBe(401);
    expect((await outsider.get(hidden)).statusCode).toBe(404);
    expect((await outsider.get(open)).statusCode).toBe(403);
    expect(
      (
        await outsider.post(`${open}/proposals`, {
          change: { kind: 'remove', itemId: 'x' },
          reason: 'r',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('adopting and changing the agreement', () => {
  it('adopts a template once everyone has responded, and asks members to acknowledge', async () => {
    const g = await threeMembers();
    const [peer] = await template();
    const created = await g.steward.post(`${g.base}/proposals`, {
      change: { kind: 'adopt', items: peer.items },
      reason: 'A starting point.',
    });
    expect(created.statusCode).toBe(201);
    const proposal = created.json();
    expect(proposal).toMatchObject({
      status: 'open',
      myResponse: 'agree',
      decision: { state: 'open', why: 'waiting', quorumNeeded: 2 },
    });
    expect(proposal.preview.every((d: { change: string }) => d.change === 'added')).toBe(true);

    const notes = (await g.bea.get('/api/me/notifications')).json();
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: 'proposal.new', subjectId: proposal.id });

    const afterBea = (
      await g.bea.put(`${g.base}/proposals/${proposal.id}/response`, { response: 'agree' })
    ).json();
    expect(afterBea.status).toBe('open');
    const afterCal = (
      await g.cal.put(`${g.base}/proposals/${proposal.id}/response`, {
        response: 'stand_aside',
        note: 'Fine by me',
      })
    ).json();
    expect(afterCal).toMatchObject({ status: 'adopted', resultVersion: 1 });

    const overview = (await g.bea.get(g.base)).json();
    expect(overview.current.number).toBe(1);
    expect(overview.current.items).toHaveLength(peer.items.length);
    // Bea agreed to it, so she has accepted it; Cal stood aside, so Cal is asked.
    expect(overview.needsAcknowledgement).toBe(false);
    expect((await g.cal.get(g.base)).json().needsAcknowledgement).toBe(true);
    expect((await g.steward.get(g.base)).json().needsAcknowledgement).toBe(false);
    expect((await g.bea.post(`${g.base}/acknowledge`, { version: 1 })).statusCode).toBe(204);
    expect((await g.bea.get(g.base)).json().needsAcknowledgement).toBe(false);
    const acks = (await g.steward.get(g.base)).json().acknowledgements;
    expect(
      acks.map((a: { displayName: string; version: number | null }) => [a.displayName, a.version]),
    ).toEqual([
      ['Bea', 1],
      ['Cal', null],
      ['Steward', 1],
    ]);
    expect((await g.bea.get(g.base)).json().acknowledgements).toBeNull();
  });

  it('holds an objection open, takes a revision as a new round, and adopts version 2', async () => {
    const g = await threeMembers();
    await adoptTemplate(g);
    const v1 = (await g.bea.get(g.base)).json().current;
    const phones = v1.items.find((i: { title: string }) => i.title === 'Phones');

    const amend = (
      await g.bea.post(`${g.base}/proposals`, {
        change: {
          kind: 'amend',
          item: { id: phones.id, title: 'Phones', text: 'Phones are off.' },
        },
        reason: 'Fewer distractions.',
      })
    ).json();
    const bare = await g.cal.put(`${g.base}/proposals/${amend.id}/response`, {
      response: 'object',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.note.code).toBe('objection_needs_reason');
    const objected = (
      await g.cal.put(`${g.base}/proposals/${amend.id}/response`, {
        response: 'object',
        note: 'I am a carer and need to be reachable.',
      })
    ).json();
    expect(objected.decision).toMatchObject({ state: 'open', why: 'objection', object: 1 });
    // The proposer is told at once, to talk and revise.
    const told = (await g.bea.get('/api/me/notifications')).json().items[0];
    expect(told).toMatchObject({ kind: 'proposal.objection', subjectId: amend.id });
    await g.steward.put(`${g.base}/proposals/${amend.id}/response`, { response: 'agree' });
    expect((await g.steward.get(`${g.base}/proposals/${amend.id}`)).json().status).toBe('open');

    // Only the proposer revises.
    const change = {
      kind: 'amend',
      item: {
        id: phones.id,
        title: 'Phones',
        text: 'Phones are silent unless someone needs to be reachable.',
      },
    };
    expect(
      (await g.cal.post(`${g.base}/proposals/${amend.id}/revise`, { change, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const revised = (
      await g.bea.post(`${g.base}/proposals/${amend.id}/revise`, {
        change,
        reason: 'Meets Cal’s need.',
      })
    ).json();
    expect(revised).toMatchObject({ round: 2, status: 'open', decision: { object: 0, agree: 1 } });
    expect(revised.earlierRounds).toHaveLength(1);
    expect(
      revised.earlierRounds[0].responses.map((r: { response: string }) => r.response).sort(),
    ).toEqual(['agree', 'agree', 'object']);
    expect((await g.cal.get('/api/me/notifications')).json().items[0].kind).toBe(
      'proposal.revised',
    );

    await g.cal.put(`${g.base}/proposals/${amend.id}/response`, { response: 'agree' });
    const done = (
      await g.steward.put(`${g.base}/proposals/${amend.id}/response`, {
        response: 'stand_aside',
        note: 'Fine by me',
      })
    ).json();
    expect(done).toMatchObject({ status: 'adopted', resultVersion: 2 });
    expect(done.preview.filter((d: { change: string }) => d.change === 'changed')).toHaveLength(1);

    // Responding after it closed is refused plainly.
    const late = await g.cal.put(`${g.base}/proposals/${amend.id}/response`, {
      response: 'object',
      note: 'Too late?',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('proposal.closed');

    // Cal agreed to version 2, so has accepted it; the steward stood aside, so still holds
    // version 1 and sees what changed since.
    await g.cal
      .post(`${g.base}/acknowledge`, { version: 2 })
      .then((r) => expect(r.statusCode).toBe(204));
    await g.steward
      .post(`${g.base}/acknowledge`, { version: 1 })
      .then((r) => expect(r.statusCode).toBe(409));
    const steward = (await g.steward.get(g.base)).json();
    expect(steward.myAcknowledgedVersion).toBe(1);
    expect(
      steward.changesSinceAcknowledged.filter((d: { change: string }) => d.change !== 'same'),
    ).toEqual([expect.objectContaining({ change: 'changed' })]);
    const history = (await g.bea.get(`${g.base}/versions/2`)).json();
    expect(history).toMatchObject({
      number: 2,
      proposal: { reason: 'Meets Cal’s need.', proposerName: 'Bea' },
    });
    expect(
      history.changes.find((d: { change: string }) => d.change === 'changed').before.text,
    ).toBe(phones.text);
    expect(steward.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });

  it('revises a proposal to adopt a whole draft to meet an objection', async () => {
    const g = await threeMembers();
    const [peer] = await template();
    const p = (
      await g.steward.post(`${g.base}/proposals`, {
        change: { kind: 'adopt', items: peer.items },
        reason: 'Start.',
      })
    ).json();
    await g.bea.put(`${g.base}/proposals/${p.id}/response`, {
      response: 'object',
      note: 'Too long for a first meeting.',
    });
    const shorter = peer.items.slice(0, 4);
    const revised = (
      await g.steward.post(`${g.base}/proposals/${p.id}/revise`, {
        change: { kind: 'adopt', items: shorter },
        reason: 'The four that matter most.',
      })
    ).json();
    expect(revised).toMatchObject({
      round: 2,
      subject: { title: null, itemCount: 4 },
      decision: { object: 0 },
    });
    await g.bea.put(`${g.base}/proposals/${p.id}/response`, { response: 'agree' });
    const done = (
      await g.cal.put(`${g.base}/proposals/${p.id}/response`, { response: 'agree' })
    ).json();
    expect(done).toMatchObject({ status: 'adopted', resultVersion: 1 });
    expect((await g.bea.get(g.base)).json().current.items).toHaveLength(4);
  });

  it('adds and removes items, and refuses changes to items that are not there', async () => {
    const g = await threeMembers();
    await adoptTemplate(g);
    const add = (
      await g.cal.post(`${g.base}/proposals`, {
        change: { kind: 'add', item: { title: 'Breaks', text: 'We take a short break halfway.' } },
        reason: 'Long evenings.',
      })
    ).json();
    expect(add.subject).toEqual({ title: 'Breaks', itemCount: null });
    const missing = await g.cal.post(`${g.base}/proposals`, {
      change: { kind: 'remove', itemId: 'nope' },
      reason: 'x',
    });
    expect(missing.statusCode).toBe(400);
    const empty = await t.signUp('Empty');
    const lone = (await empty.post('/api/groups', { name: 'Alone', visibility: 'open' })).json();
    const none = await empty.post(`/api/groups/${lone.id}/agreement/proposals`, {
      change: { kind: 'add', item: { title: 'A', text: 'B' } },
      reason: 'x',
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('agreement.none');
  });
});

describe('mail about proposals', () => {
  it('asks the other members by mail, unless they chose not to hear', async () => {
    const who = await threeMembers();
    await who.cal.put('/api/me/email-preferences', {
      reminders: [1440],
      roles: true,
      changes: true,
      proposals: false,
    });
    const proposal = await adoptTemplate(who);
    const mail = await t.deps.db
      .selectFrom('email_outbox')
      .innerJoin('users', 'users.id', 'email_outbox.user_id')
      .select(['users.display_name as name', 'subject', 'text_body'])
      .where('kind', '=', 'proposal.new')
      .where('text_body', 'like', `%${proposal.id}%`)
      .execute();
    expect(mail.map((m) => m.name)).toEqual(['Bea']);
    expect(mail[0]?.subject).toMatch(/^Your response is needed: Adopt the agreement/);
    expect(mail[0]?.text_body).toContain('Steward proposed a change to Circle');
    expect(mail[0]?.text_body).toContain(`/groups/${who.group.id}/agreement/proposals/`);
  });
});

describe('closing decisions', () => {
  it('adopts at the deadline with a quorum, lapses without one, and a job does it', async () => {
    const g = await threeMembers();
    await adoptTemplate(g);
    const add = (title: string) => ({
      change: { kind: 'add', item: { title, text: `${title} for all.` } },
      reason: 'Warmth.',
      deadlineDays: 2,
    });
    const withQuorum = (await g.bea.post(`${g.base}/proposals`, add('Tea'))).json();
    await g.cal.put(`${g.base}/proposals/${withQuorum.id}/response`, { response: 'agree' });
    const lonely = (await g.bea.post(`${g.base}/proposals`, add('Cake'))).json();
    t.clock.advance(DAY);
    expect(await settleDueProposals(t.deps)).toBe(0);
    t.clock.advance(DAY + 1000);
    expect(await settleDueProposals(t.deps)).toBeGreaterThanOrEqual(2);
    expect((await g.bea.get(`${g.base}/proposals/${withQuorum.id}`)).json()).toMatchObject({
      status: 'adopted',
      decision: { why: 'deadline_passed' },
    });
    expect((await g.bea.get(`${g.base}/proposals/${lonely.id}`)).json()).toMatchObject({
      status: 'lapsed',
    });
    expect((await g.bea.get(g.base)).json().current.number).toBe(2);
  });

  it('lets the proposer withdraw and a steward close a stale proposal with a note', async () => {
    const g = await threeMembers();
    await adoptTemplate(g);
    const p1 = (
      await g.bea.post(`${g.base}/proposals`, {
        change: { kind: 'add', item: { title: 'A', text: 'a' } },
        reason: 'r',
      })
    ).json();
    expect((await g.cal.post(`${g.base}/proposals/${p1.id}/withdraw`)).statusCode).toBe(403);
    expect((await g.bea.post(`${g.base}/proposals/${p1.id}/withdraw`)).json().status).toBe(
      'withdrawn',
    );
    const p2 = (
      await g.bea.post(`${g.base}/proposals`, {
        change: { kind: 'add', item: { title: 'B', text: 'b' } },
        reason: 'r',
      })
    ).json();
    expect(
      (await g.cal.post(`${g.base}/proposals/${p2.id}/close`, { note: 'stale' })).statusCode,
    ).toBe(403);
    expect((await g.steward.post(`${g.base}/proposals/${p2.id}/close`, {})).statusCode).toBe(400);
    const closed = (
      await g.steward.post(`${g.base}/proposals/${p2.id}/close`, {
        note: 'We talked it over; not now.',
      })
    ).json();
    expect(closed).toMatchObject({
      status: 'not_adopted',
      closeNote: 'We talked it over; not now.',
    });
    expect((await g.bea.get('/api/me/notifications')).json().items[0].kind).toBe(
      'proposal.outcome',
    );
  });

  it('stops counting a member who leaves', async () => {
    const g = await threeMembers();
    await adoptTemplate(g);
    const p = (
      await g.bea.post(`${g.base}/proposals`, {
        change: { kind: 'add', item: { title: 'C', text: 'c' } },
        reason: 'r',
      })
    ).json();
    await g.steward.put(`${g.base}/proposals/${p.id}/response`, { response: 'agree' });
    expect((await g.bea.get(`${g.base}/proposals/${p.id}`)).json().status).toBe('open');
    await g.cal.delete(`/api/groups/${g.group.id}/members/${g.cal.id}`);
    const after = (await g.bea.get(`${g.base}/proposals/${p.id}`)).json();
    expect(after).toMatchObject({ status: 'adopted', decision: { active: 2 } });
    expect((await g.cal.get(g.base)).statusCode).toBe(404);
  });
});

describe('at the same moment', () => {
  it('never loses a response or numbers two versions alike', async () => {
    const g = await threeMembers();
    const [peer] = await template();
    const a = (
      await g.steward.post(`${g.base}/proposals`, {
        change: { kind: 'adopt', items: peer.items },
        reason: 'one',
      })
    ).json();
    const b = (
      await g.bea.post(`${g.base}/proposals`, {
        change: { kind: 'adopt', items: peer.items.slice(0, 3) },
        reason: 'two',
      })
    ).json();
    await Promise.all([
      g.bea.put(`${g.base}/proposals/${a.id}/response`, { response: 'agree' }),
      g.cal.put(`${g.base}/proposals/${a.id}/response`, { response: 'agree' }),
      g.steward.put(`${g.base}/proposals/${b.id}/response`, { response: 'agree' }),
      g.cal.put(`${g.base}/proposals/${b.id}/response`, { response: 'agree' }),
    ]);
    const [pa, pb] = await Promise.all([
      g.bea.get(`${g.base}/proposals/${a.id}`),
      g.bea.get(`${g.base}/proposals/${b.id}`),
    ]);
    expect([pa.json().status, pb.json().status]).toEqual(['adopted', 'adopted']);
    expect([pa.json().resultVersion, pb.json().resultVersion].sort()).toEqual([1, 2]);
    expect(
      pa.json().responses.every((r: { response: string | null }) => r.response === 'agree'),
    ).toBe(true);
    expect(
      pb.json().responses.every((r: { response: string | null }) => r.response === 'agree'),
    ).toBe(true);
    const versions = await t.deps.db
      .selectFrom('agreement_versions')
      .select('number')
      .where('group_id', '=', g.group.id)
      .execute();
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
  });
});
