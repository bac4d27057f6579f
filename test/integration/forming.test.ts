import { describe, expect, it } from 'vitest';
import { PROFESSIONAL_QUESTIONS } from '../../core/domain/joining';
import { utcToLocal } from '../../core/domain/recurrence';
import { settleDueDecisions } from '../../server/services/decisions/settleDueDecisions';
import { settleWaitlists } from '../../server/services/joining/settleWaitlists';
import { advanceLifecycles } from '../../server/services/lifecycle/advanceLifecycles';
import { type Client, createTestApp } from '../helpers/testApp';

const t = await createTestApp({ env: { LOG_LEVEL: 'error' } });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Person = Client & { id: string; email: string };
const confirm = { confirm: true };

async function mailTo(email: string, kind: string) {
  return t.deps.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('to_address', '=', email)
    .where('kind', '=', kind)
    .execute();
}

async function notices(person: Person) {
  return (await person.get('/api/me/notifications')).json().items as {
    kind: string;
    subjectId: string;
  }[];
}

describe('the directory', () => {
  it('filters by words, format, way in, language, tag and free seats, and pages', async () => {
    const steward = await t.signUp('Steward');
    const marker = `m${Date.now().toString(36)}`;
    const make = async (body: object) =>
      (await steward.post('/api/groups', { name: `${marker} group`, ...body })).json();
    const online = await make({
      visibility: 'open',
      format: 'online',
      language: 'cy',
      tags: ['Carers', 'evenings'],
      area: 'Cardiff',
    });
    const inPerson = await make({ visibility: 'closed', format: 'in_person', tags: ['carers'] });
    const full = await make({ visibility: 'open', format: 'both', sizeCap: 2 });
    await (await t.signUp('Filler')).post(`/api/groups/${full.id}/join`, confirm);
    const hidden = await make({ visibility: 'invite_only', format: 'online' });

    const ids = async (query: string) =>
      ((await t.anon.get(`/api/groups?q=${marker}&${query}`)).json().items as { id: string }[])
        .map((g) => g.id)
        .sort();
    expect(await ids('')).toEqual([online.id, inPerson.id, full.id].sort());
    expect(await ids('format=online')).toEqual([online.id]);
    expect(await ids('joining=application')).toEqual([inPerson.id]);
    expect(await ids('joining=open')).toEqual([online.id, full.id].sort());
    expect(await ids('language=cy')).toEqual([online.id]);
    expect(await ids('tag=carers')).toEqual([online.id, inPerson.id].sort());
    expect(await ids('seats=available')).toEqual([online.id, inPerson.id].sort());
    expect(await ids('format=online&tag=evenings')).toEqual([online.id]);
    expect(await ids('')).not.toContain(hidden.id);
    expect(
      (await t.anon.get('/api/groups?q=Cardiff')).json().items.map((g: { id: string }) => g.id),
    ).toContain(online.id);
    const listed = (await t.anon.get(`/api/groups?q=${marker}&format=online`)).json().items[0];
    expect(listed).toMatchObject({
      format: 'online',
      language: 'cy',
      tags: ['carers', 'evenings'],
      area: 'Cardiff',
      stage: 'forming',
      nextMeetingAt: null,
    });

    const first = (await t.anon.get(`/api/groups?q=${marker}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await t.anon.get(`/api/groups?q=${marker}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    expect((await t.anon.get('/api/groups?format=underwater')).statusCode).toBe(400);
  });
});

describe('joining an open group', () => {
  it('shows the commitment first and needs it confirmed', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', {
        name: 'Walkers',
        visibility: 'open',
        plannedMeetings: 6,
      })
    ).json();
    const view = (await t.anon.get(`/api/groups/${group.id}/joining`)).json();
    expect(view).toMatchObject({
      name: 'Walkers',
      commitment: { plannedMeetings: 6, cadence: null, meetingMinutes: 90 },
      agreement: null,
      me: { state: 'signed_out' },
    });
    const ann = await t.signUp('Ann');
    expect((await ann.post(`/api/groups/${group.id}/join`, {})).statusCode).toBe(400);
    expect((await ann.post(`/api/groups/${group.id}/join`, confirm)).statusCode).toBe(200);
    expect((await ann.get(`/api/groups/${group.id}/joining`)).json().me.state).toBe('member');
  });

  it('keeps a first-come waitlist, offers a freed seat with a window, and passes it on', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Small', visibility: 'open', sizeCap: 2 })
    ).json();
    const ann = await t.signUp('Ann');
    await ann.post(`/api/groups/${group.id}/join`, confirm);
    const bea = await t.signUp('Bea');
    const cal = await t.signUp('Cal');
    const full = await bea.post(`/api/groups/${group.id}/join`, confirm);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toMatch(/waitlist/);
    expect((await bea.get(`/api/groups/${group.id}`)).json().can.joinWaitlist).toBe(true);

    const beaWaits = (await bea.post(`/api/groups/${group.id}/waitlist`, confirm)).json();
    expect(beaWaits.me).toMatchObject({ state: 'waitlisted', waitlist: { position: 1 } });
    t.clock.advance(1000);
    const calWaits = (await cal.post(`/api/groups/${group.id}/waitlist`, confirm)).json();
    expect(calWaits.me.waitlist.position).toBe(2);
    expect(calWaits.waitlistLength).toBe(2);
    expect((await cal.get('/api/me/waiting')).json().waitlists).toEqual([
      { groupId: group.id, groupName: 'Small', position: 2, offerExpiresAt: null },
    ]);

    // Ann leaves: the seat is offered to Bea, who was first, and held for her.
    await ann.delete(`/api/groups/${group.id}/members/${ann.id}`);
    const offered = (await bea.get(`/api/groups/${group.id}/joining`)).json();
    expect(offered.me.state).toBe('offered');
    const window = Date.parse(offered.me.waitlist.offerExpiresAt) - t.clock.now.getTime();
    expect(window).toBe(48 * HOUR);
    expect((await notices(bea)).map((n) => n.kind)).toContain('waitlist.offer');
    expect(await mailTo(bea.email, 'waitlist.offer')).toHaveLength(1);
    // Nobody else can take the held seat, and Cal cannot claim it.
    const dave = await t.signUp('Dave');
    expect((await dave.post(`/api/groups/${group.id}/join`, confirm)).statusCode).toBe(409);
    expect((await cal.post(`/api/groups/${group.id}/waitlist/claim`)).statusCode).toBe(409);

    // Bea lets the window pass; the job passes the offer on to Cal, who claims it.
    t.clock.advance(48 * HOUR + 1000);
    expect(await settleWaitlists(t.deps)).toBe(1);
    expect((await bea.get(`/api/groups/${group.id}/joining`)).json().me.state).toBe('none');
    expect((await cal.get(`/api/groups/${group.id}/joining`)).json().me.state).toBe('offered');
    const claimed = await cal.post(`/api/groups/${group.id}/waitlist/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ myRole: 'member', memberCount: 2, waitlistLength: 0 });
  });

  it('shortens the claim window as the next meeting nears', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Soon', visibility: 'open', sizeCap: 2 })
    ).json();
    const ann = await t.signUp('Ann');
    await ann.post(`/api/groups/${group.id}/join`, confirm);
    const start = utcToLocal(new Date(t.clock.now.getTime() + 10 * HOUR).toISOString(), 'UTC');
    await steward.post(`/api/groups/${group.id}/meetings`, {
      start: start.slice(0, 16),
      timeZone: 'UTC',
      rrule: null,
      count: null,
      until: null,
      venue: { kind: 'online', onlineUrl: 'https://call.example.org/x' },
    });
    const bea = await t.signUp('Bea');
    await bea.post(`/api/groups/${group.id}/waitlist`, confirm);
    await ann.delete(`/api/groups/${group.id}/members/${ann.id}`);
    const view = (await bea.get(`/api/groups/${group.id}/joining`)).json();
    const window = Date.parse(view.me.waitlist.offerExpiresAt) - t.clock.now.getTime();
    expect(window).toBeLessThan(6 * HOUR);
    expect(window).toBeGreaterThanOrEqual(2 * HOUR);
  });

  it('holds the cap when many join at once', async () => {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', { name: 'Busy', visibility: 'open', sizeCap: 4 })
    ).json();
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => t.signUp(`J${i}`)));
    const results = await Promise.all(
      people.map((p) => p.post(`/api/groups/${group.id}/join`, confirm)),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect((await steward.get(`/api/groups/${group.id}`)).json().memberCount).toBe(4);
  });
});

describe('applying to a closed group', () => {
  async function closedGroup(sizeCap = 6) {
    const steward = await t.signUp('Steward');
    const group = (
      await steward.post('/api/groups', {
        name: 'Practice circle',
        visibility: 'closed',
        sizeCap,
        joiningCriteria: 'For people working in community health.',
        // A professional network: the questions about where people work.
        questionnaire: PROFESSIONAL_QUESTIONS,
      })
    ).json();
    return { steward, group };
  }
  const answers = {
    hope: 'To learn from peers',
    bring: 'Ten years on wards',
    commit: 'Yes, all of them',
    area: 'Health',
    experience: 'Over 5 years',
  };

  it('shows criteria and questions first, checks answers, and lets the applicant withdraw', async () => {
    const { group } = await closedGroup();
    const view = (await t.anon.get(`/api/groups/${group.id}/joining`)).json();
    expect(view.joiningCriteria).toBe('For people working in community health.');
    expect(view.questions.map((q: { id: string }) => q.id)).toEqual([
      'hope',
      'bring',
      'commit',
      'area',
      'experience',
    ]);
    const ann = await t.signUp('Ann');
    expect((await ann.post(`/api/groups/${group.id}/join`, confirm)).statusCode).toBe(403);
    const missing = await ann.post(`/api/groups/${group.id}/applications`, {
      ...confirm,
      answers: { hope: 'x', area: 'Astronomy' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toMatchObject({
      'answers.bring': { code: 'answer_required' },
      'answers.area': { code: 'answer_choice' },
    });
    const applied = await ann.post(`/api/groups/${group.id}/applications`, { ...confirm, answers });
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'pending', answers: { area: 'Health' } });
    const again = await ann.post(`/api/groups/${group.id}/applications`, { ...confirm, answers });
    expect(again.statusCode).toBe(409);
    expect((await ann.get(`/api/groups/${group.id}/joining`)).json().me.state).toBe('applied');
    expect((await ann.get('/api/me/waiting')).json().applications).toHaveLength(1);
    expect((await ann.get('/api/me/applications')).json().items[0].status).toBe('pending');
    const withdrawn = await ann.post(`/api/applications/${applied.json().id}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await ann.post(`/api/applications/${applied.json().id}/withdraw`)).statusCode).toBe(
      409,
    );
  });

  it('lets stewards review with the mix beside each, and accept, decline kindly or waitlist', async () => {
    const { steward, group } = await closedGroup(3);
    const apply = async (name: string, area: string) => {
      const person = await t.signUp(name);
      const app = (
        await person.post(`/api/groups/${group.id}/applications`, {
          ...confirm,
          answers: { ...answers, area },
        })
      ).json();
      return { person, app };
    };
    const ann = await apply('Ann', 'Health');
    const bob = await apply('Bob', 'Education');
    const cat = await apply('Cat', 'Health');
    const dan = await apply('Dan', 'Social care');

    expect((await ann.person.get(`/api/groups/${group.id}/applications`)).statusCode).toBe(403);
    const review = (await steward.get(`/api/groups/${group.id}/applications`)).json();
    expect(review.items).toHaveLength(4);
    expect((await steward.get(`/api/groups/${group.id}`)).json().members.length).toBe(1);
    const stewardNotices = await notices(steward);
    expect(stewardNotices.filter((n) => n.kind === 'application.new')).toHaveLength(4);

    const accept = (id: string, outcome: string, message?: string) =>
      steward.post(`/api/applications/${id}/decision`, {
        outcome,
        ...(message ? { message } : {}),
      });
    expect((await accept(ann.app.id, 'accept')).json().status).toBe('accepted');
    // With Ann in, Cat's row shows Health going from 1 to 2.
    const after = (await steward.get(`/api/groups/${group.id}/applications`)).json();
    const catRow = after.items.find((i: { id: string }) => i.id === cat.app.id);
    const health = catRow.mix
      .find((m: { questionId: string }) => m.questionId === 'area')
      .counts.find((c: { choice: string }) => c.choice === 'Health');
    expect(health).toEqual({ choice: 'Health', members: 1, withApplicant: 2 });

    const declined = await accept(bob.app.id, 'decline', 'We are looking for people in health.');
    expect(declined.json()).toMatchObject({
      status: 'declined',
      message: 'We are looking for people in health.',
    });
    const bobMail = await mailTo(bob.person.email, 'application.outcome');
    expect(bobMail[0]?.text_body).toContain('We are looking for people in health.');
    expect((await accept(bob.app.id, 'accept')).statusCode).toBe(409);

    expect((await accept(cat.app.id, 'accept')).statusCode).toBe(200);
    // The group is full: Dan is waitlisted, and offered the seat when someone leaves.
    const fullAccept = await accept(dan.app.id, 'accept');
    expect(fullAccept.statusCode).toBe(409);
    expect(fullAccept.json().error.message).toMatch(/waitlist/);
    expect((await accept(dan.app.id, 'waitlist')).json().status).toBe('waitlisted');
    expect((await dan.person.get(`/api/groups/${group.id}/joining`)).json().me).toMatchObject({
      state: 'waitlisted',
      waitlist: { position: 1 },
    });
    await cat.person.delete(`/api/groups/${group.id}/members/${cat.person.id}`);
    expect((await dan.person.get(`/api/groups/${group.id}/joining`)).json().me.state).toBe(
      'offered',
    );
    expect((await dan.person.post(`/api/groups/${group.id}/waitlist/claim`)).statusCode).toBe(200);
    expect((await dan.person.get('/api/me/applications')).json().items[0].status).toBe('accepted');
  });

  it('holds the cap when stewards accept at the same moment', async () => {
    const { steward, group } = await closedGroup(3);
    const apps = [];
    for (let i = 0; i < 5; i += 1) {
      const person = await t.signUp(`A${i}`);
      apps.push(
        (await person.post(`/api/groups/${group.id}/applications`, { ...confirm, answers })).json(),
      );
    }
    const results = await Promise.all(
      apps.map((a) => steward.post(`/api/applications/${a.id}/decision`, { outcome: 'accept' })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect((await steward.get(`/api/groups/${group.id}`)).json().memberCount).toBe(3);
  });

  it('lets stewards change the questions, and refuses a questionnaire that makes no sense', async () => {
    const { steward, group } = await closedGroup();
    const bad = await steward.patch(`/api/groups/${group.id}`, {
      questionnaire: [
        { id: 'one', kind: 'choice', prompt: 'Pick', required: true, choices: ['Only'], mix: true },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const good = await steward.patch(`/api/groups/${group.id}`, {
      questionnaire: [
        { id: 'why', kind: 'text', prompt: 'Why now?', required: true, choices: [], mix: false },
      ],
      tags: ['nurses'],
      sizeCap: 5,
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ tags: ['nurses'], sizeCap: 5 });
    const view = (await t.anon.get(`/api/groups/${group.id}/joining`)).json();
    expect(view.questions).toHaveLength(1);
    const member = await t.signUp('Member');
    expect((await member.patch(`/api/groups/${group.id}`, { sizeCap: 4 })).statusCode).toBe(403);
    const tooBig = await steward.patch(`/api/groups/${group.id}`, { sizeCap: 99 });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields.sizeCap).toMatchObject({
      code: 'size_above_deployment',
      message: expect.stringMatching(/at most/),
    });
  });
});

async function groupOfThree(visibility = 'invite_only') {
  const steward = await t.signUp('Steward');
  const group = (await steward.post('/api/groups', { name: 'Circle', visibility })).json();
  const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
  const bea = await t.signUp('Bea');
  const cal = await t.signUp('Cal');
  await bea.post(`/api/invites/${invite.token}/accept`, confirm);
  await cal.post(`/api/invites/${invite.token}/accept`, confirm);
  return { steward, bea, cal, group };
}

describe('the purpose, drafted from the members', () => {
  it('collects answers, shows stewards what they share, and adopts a draft by consent', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const base = `/api/groups/${group.id}/purpose`;
    expect((await bea.put(`${base}/answer`, { answer: 'x' })).statusCode).toBe(409);
    expect((await bea.post(`${base}/ask`)).statusCode).toBe(403);
    const asked = (await steward.post(`${base}/ask`)).json();
    expect(asked.askedAt).toBeTruthy();
    expect((await notices(bea)).map((n) => n.kind)).toContain('purpose.asked');

    await bea.put(`${base}/answer`, { answer: 'Peer support for new parents' });
    await cal.put(`${base}/answer`, { answer: 'Somewhere new parents find peer support' });
    const forBea = (await bea.get(base)).json();
    expect(forBea).toMatchObject({ myAnswer: 'Peer support for new parents', answers: null });
    const forSteward = (await steward.get(base)).json();
    expect(forSteward.answerCount).toBe(2);
    expect(forSteward.shared.map((s: { term: string }) => s.term)).toEqual(
      expect.arrayContaining(['peer support', 'new parents']),
    );
    expect(
      forSteward.answers[0].pieces
        .filter((p: { term: string | null }) => p.term)
        .map((p: { text: string }) => p.text),
    ).toEqual(['Peer support', 'new parents']);

    const tooLong = await steward.post(`${base}/drafts`, {
      purpose:
        'A warm and welcoming place where new parents can find peer support and friendship together',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields.purpose.message).toMatch(/12 words/);

    const drafted = (
      await steward.post(`${base}/drafts`, { purpose: 'Peer support for new parents' })
    ).json();
    const decision = drafted.openDecision;
    expect(decision).toMatchObject({ kind: 'purpose', purpose: 'Peer support for new parents' });
    expect((await steward.post(`${base}/drafts`, { purpose: 'Another' })).statusCode).toBe(409);

    const objection = await bea.put(`/api/decisions/${decision.id}/response`, {
      response: 'object',
    });
    expect(objection.statusCode).toBe(400);
    await bea.put(`/api/decisions/${decision.id}/response`, { response: 'agree' });
    const last = (
      await cal.put(`/api/decisions/${decision.id}/response`, { response: 'stand_aside' })
    ).json();
    expect(last.status).toBe('adopted');
    const after = (await cal.get(base)).json();
    expect(after.current).toBe('Peer support for new parents');
    expect(after.askedAt).toBeNull();
    expect(after.history.map((h: { version: number }) => h.version)).toEqual([1]);
    expect((await cal.get(`/api/groups/${group.id}`)).json().purpose).toBe(
      'Peer support for new parents',
    );
    const late = await bea.put(`/api/decisions/${decision.id}/response`, {
      response: 'object',
      note: 'x',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('decision.closed');
  });

  it('holds a draft open on an objection, and lapses it at the deadline without enough agreement', async () => {
    const { steward, bea, cal, group } = await groupOfThree();
    const base = `/api/groups/${group.id}/purpose`;
    const first = (await steward.post(`${base}/drafts`, { purpose: 'Walking together' })).json()
      .openDecision;
    const held = (
      await bea.put(`/api/decisions/${first.id}/response`, {
        response: 'object',
        note: 'We also meet indoors.',
      })
    ).json();
    expect(held).toMatchObject({ status: 'open', decision: { why: 'objection' } });
    expect((await bea.post(`/api/decisions/${first.id}/withdraw`)).statusCode).toBe(403);
    expect((await steward.post(`/api/decisions/${first.id}/withdraw`)).json().status).toBe(
      'withdrawn',
    );
    const second = (
      await steward.post(`${base}/drafts`, { purpose: 'Meeting to talk', deadlineDays: 1 })
    ).json().openDecision;
    await cal.put(`/api/decisions/${second.id}/response`, { response: 'stand_aside' });
    t.clock.advance(DAY + 1000);
    expect(await settleDueDecisions(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await bea.get(`/api/decisions/${second.id}`)).json().status).toBe('lapsed');
    const lapsed = await bea.get(base);
    expect(lapsed.json().current, lapsed.body).toBeNull();
  });
});

describe('the lifecycle', () => {
  async function plan(steward: Person, groupId: string, count: number) {
    const start = utcToLocal(new Date(t.clock.now.getTime() + HOUR).toISOString(), 'UTC');
    return steward.post(`/api/groups/${groupId}/meetings`, {
      start: start.slice(0, 16),
      timeZone: 'UTC',
      rrule: 'FREQ=DAILY',
      count,
      until: null,
      venue: { kind: 'online', onlineUrl: 'https://call.example.org/x' },
    });
  }

  it('goes forming → active → review → continuing → review → adjourned, recording each step', async () => {
    const { steward, bea, cal, group } = await groupOfThree('open');
    await steward.patch(`/api/groups/${group.id}`, { plannedMeetings: 2 });
    expect((await plan(steward, group.id, 4)).statusCode).toBe(201);
    const life = `/api/groups/${group.id}/lifecycle`;
    expect((await bea.get(life)).json()).toMatchObject({
      stage: 'forming',
      meetingsHeld: 0,
      plannedMeetings: 2,
      reviewAt: 2,
    });
    const early = await bea.post(`/api/groups/${group.id}/review`, { option: 'continue' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('group.stage');

    t.clock.advance(2 * HOUR);
    await advanceLifecycles(t.deps);
    expect((await bea.get(life)).json()).toMatchObject({ stage: 'active', meetingsHeld: 1 });
    t.clock.advance(DAY);
    await advanceLifecycles(t.deps);
    const review = (await bea.get(life)).json();
    expect(review).toMatchObject({
      stage: 'review',
      meetingsHeld: 2,
      can: { proposeReview: true },
    });
    expect((await notices(cal)).map((n) => n.kind)).toContain('group.stage');

    const needsChanges = await bea.post(`/api/groups/${group.id}/review`, { option: 'change' });
    expect(needsChanges.statusCode).toBe(400);
    expect(needsChanges.json().error.fields.changes).toBeTruthy();
    const proposed = (
      await bea.post(`/api/groups/${group.id}/review`, {
        option: 'change',
        plannedMeetings: 1,
        changes: 'Meet monthly instead.',
      })
    ).json();
    const decisionId = proposed.openReview.id;
    await steward.put(`/api/decisions/${decisionId}/response`, {
      response: 'agree',
      note: 'It gave me company on hard days.',
    });
    await cal.put(`/api/decisions/${decisionId}/response`, { response: 'agree' });
    const continuing = (await bea.get(life)).json();
    expect(continuing).toMatchObject({ stage: 'continuing', plannedMeetings: 1, reviewAt: 3 });
    expect(
      continuing.pastReviews[0].responses.map((r: { note: string | null }) => r.note),
    ).toContain('It gave me company on hard days.');

    t.clock.advance(DAY);
    await advanceLifecycles(t.deps);
    expect((await bea.get(life)).json().stage).toBe('review');
    const adjourn = (
      await steward.post(`/api/groups/${group.id}/review`, { option: 'adjourn' })
    ).json().openReview;
    await bea.put(`/api/decisions/${adjourn.id}/response`, { response: 'agree' });
    await cal.put(`/api/decisions/${adjourn.id}/response`, { response: 'stand_aside' });
    const ended = (await bea.get(life)).json();
    expect(ended.stage).toBe('adjourned');
    expect(ended.changes.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual([
      'forming→active',
      'active→review',
      'review→continuing',
      'continuing→review',
      'review→adjourned',
    ]);
    expect(ended.changes[0].by).toBeNull();
    expect(ended.changes[2].by).toBe('Bea');
    expect(ended.changes[4].by).toBe('Steward');

    // Adjourned: read-only, out of the directory, the meetings ahead cancelled, history kept.
    const proposal = await bea.post(`/api/groups/${group.id}/agreement/proposals`, {
      change: { kind: 'add', item: { id: 'x', title: 'T', text: 'Text' } },
      reason: 'Late idea',
    });
    expect(proposal.statusCode).toBe(409);
    expect(proposal.json().error.code).toBe('group.adjourned');
    expect((await plan(steward, group.id, 1)).statusCode).toBe(409);
    expect((await steward.post(`/api/groups/${group.id}/invites`, {})).statusCode).toBe(409);
    const listed = (await t.anon.get('/api/groups?limit=50'))
      .json()
      .items.map((g: { id: string }) => g.id);
    expect(listed).not.toContain(group.id);
    expect((await bea.get(`/api/groups/${group.id}`)).json()).toMatchObject({
      stage: 'adjourned',
      can: { join: false, invite: false, edit: false, leave: true },
    });
    const schedule = (await bea.get(`/api/groups/${group.id}/meetings`)).json();
    expect(schedule.upcoming.every((m: { status: string }) => m.status === 'cancelled')).toBe(true);

    const exported = await bea.get(`/api/groups/${group.id}/my-contributions`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('my-contributions.json');
    const mine = exported.json();
    expect(mine.group.name).toBe('Circle');
    expect(mine.decisionResponses.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(mine)).not.toContain('It gave me company');
    expect((await t.anon.get(`/api/groups/${group.id}/my-contributions`)).statusCode).toBe(401);
  });

  it('never reviews a group with no planned number of meetings', async () => {
    const { steward, bea, group } = await groupOfThree();
    await plan(steward, group.id, 4);
    t.clock.advance(3 * DAY);
    await advanceLifecycles(t.deps);
    expect((await bea.get(`/api/groups/${group.id}/lifecycle`)).json()).toMatchObject({
      stage: 'active',
      meetingsHeld: 3,
      reviewAt: null,
    });

    // A meeting started and the group has nothing to move: it is not locked or announced, so
    // its cached pages and live rooms are not made to look again (a thousand groups meet at
    // the same hour on a busy evening).
    const heard: unknown[] = [];
    const stop = t.deps.bus.subscribe((event) => {
      if ('groupId' in event && event.groupId === group.id) heard.push(event);
    });
    t.clock.advance(DAY);
    await advanceLifecycles(t.deps);
    stop();
    expect(heard).toEqual([]);
    expect((await bea.get(`/api/groups/${group.id}/lifecycle`)).json().meetingsHeld).toBe(4);
  });
});
