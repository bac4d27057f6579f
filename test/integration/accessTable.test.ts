/**
 * Who may call what: one row for every HTTP route and every live command, naming the kinds
 * of people allowed. Each row is tried as every kind of person, each against its own fresh
 * group, and must succeed for exactly the kinds it names and be refused (401, 403, 404, or a
 * 409 saying they are already in) for the rest. Adding a route or a live command without a
 * row fails this file.
 */

import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveCommand, liveCommand, type RoomView } from '../../core/protocol/live';
import { enqueueMail } from '../../server/db/queries/outbox';
import { preferencesToken } from '../../server/mail/preferences';
import { newId } from '../../server/security/tokens';
import { connectLive, type LiveClient } from '../helpers/liveClient';
import { oneOnlineMeeting } from '../helpers/oneMeeting';
import { SoftAuthenticator } from '../helpers/softAuthenticator';
import { type Client, createTestApp, PASSWORD, type TestApp } from '../helpers/testApp';
import { WEBM_HEADER, webmCluster } from '../helpers/webm';

const KINDS = ['signed_out', 'outsider', 'member', 'steward', 'admin'] as const;
type Kind = (typeof KINDS)[number];
const SIGNED_IN: Kind[] = ['outsider', 'member', 'steward', 'admin'];
const IN_GROUP: Kind[] = ['member', 'steward'];
const NOT_IN_GROUP: Kind[] = ['outsider', 'admin'];

const ADMIN_EMAIL = `admin.table.${process.pid}@example.org`;
const HOUR = 3_600_000;

// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = any;

interface Person extends Client {
  id: string;
  email: string;
}

let t: TestApp;
let baseUrl: string;
let people: { steward: Person; member: Person; other: Person; outsider: Person; admin: Person };
let counter = 0;

beforeAll(async () => {
  // Many rows make their own people: sign-ups from one address are not limited here.
  t = await createTestApp({
    env: { ADMIN_EMAILS: ADMIN_EMAIL, RATE_LIMIT_SIGNUP_PER_IP: '10000' },
  });
  people = {
    steward: await t.signUp('Steward'),
    member: await t.signUp('Member'),
    other: await t.signUp('Other'),
    outsider: await t.signUp('Outsider'),
    admin: await t.signUp('Admin', { email: ADMIN_EMAIL }),
  };
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});

/** The person a kind stands for: null for someone signed out. */
function personOf(kind: Kind): Person | null {
  return kind === 'signed_out' ? null : people[kind];
}

/** A client with the kind's session, so a row that signs in or out leaves the shared one be. */
function clientOf(kind: Kind): Client {
  const c = t.newClient();
  c.cookie = personOf(kind)?.cookie ?? null;
  return c;
}

/**
 * A meeting half an hour away whose session has begun, with the kind's person (when they are
 * in the group) named the observer by the meeting's facilitator.
 */
async function observedBy(kind: Kind): Promise<World> {
  const { w, f, person, clients } = await sessionWith(kind);
  if (person) {
    const ack = await f.command({ type: 'setObserver', userId: person.id });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }
  await Promise.all(clients.map((c) => c.close()));
  return w;
}

/**
 * A meeting half an hour away whose session has begun: its facilitator in it, and the kind's
 * person too when they are in the group (null otherwise). The caller closes the clients.
 */
async function sessionWith(kind: Kind) {
  const w = await (await World.create()).withMeeting(0.5);
  const meeting = ok(await people.steward.get(`/api/meetings/${w.meetingId}`), 'meeting');
  const holderId = meeting.roles.find((r: { roleName: string }) => r.roleName === 'Facilitator')
    .holder.userId;
  const lead = holderId === people.steward.id ? people.steward : people.other;
  const f = await connectLive(baseUrl, w.meetingId, lead.cookie);
  await f.command({ type: 'join' });
  const clients = [f];
  const candidate = personOf(kind);
  const person = candidate && IN_GROUP.includes(kind) ? candidate : null;
  if (person && person !== lead) {
    const client = await connectLive(baseUrl, w.meetingId, person.cookie);
    await client.command({ type: 'join' });
    clients.push(client);
  }
  return { w, f, person, clients };
}

/** A slice a track can start with: the header, and one cluster of one block. */
const SLICE = Buffer.from([...WEBM_HEADER, ...webmCluster(0, 1)]);

/**
 * A session half an hour away whose call is being recorded, with everyone in it agreeing: its
 * facilitator, and the kind's person when they are in the group. The facilitator's first slice
 * has arrived.
 */
async function recordedFor(kind: Kind) {
  const { w, f, person, clients } = await sessionWith(kind);
  for (const c of clients)
    expect((await c.command({ type: 'callJoin', camera: false })).ok).toBe(true);
  expect((await f.command({ type: 'recordAsk' })).ok).toBe(true);
  for (const c of clients.slice(1)) {
    expect((await c.command({ type: 'recordAnswer', agree: true })).ok).toBe(true);
  }
  const on = (r: RoomView | null) => r?.recording?.status === 'on';
  if (!on(f.room())) await f.waitFor((m) => m.type === 'state' && on(m.room));
  const recordingId = f.room()?.recording?.id ?? '';
  const leadId = f.room()?.recording?.askedBy ?? '';
  await Promise.all(clients.map((c) => c.close()));
  const lead = [people.steward, people.other].find((p) => p.id === leadId) as Person;
  const tracks = `/api/meetings/${w.meetingId}/recordings/${recordingId}/tracks`;
  ok(await putSlice(lead, `${tracks}/${leadId}/slices/0`), 'first slice');
  return { w, person, tracks, leadId };
}

function putSlice(c: Client, url: string) {
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { ...(c.cookie ? { cookie: c.cookie } : {}), 'content-type': 'audio/webm' },
    payload: SLICE,
  });
}

/**
 * A session half an hour away with small groups under way, the kind's person (when in the
 * group) in one of them with the facilitator: the notes' address of that group.
 */
async function inSmallGroup(kind: Kind): Promise<string> {
  const { w, f, clients } = await sessionWith(kind);
  const proposed = await f.command({
    type: 'proposeBreakouts',
    mode: 'deal',
    size: 2,
    minutes: 10,
    facilitatorJoins: true,
  });
  expect(proposed.ok, JSON.stringify(proposed)).toBe(true);
  expect((await f.command({ type: 'startBreakouts' })).ok).toBe(true);
  const running = (r: RoomView | null) => r?.breakouts?.status === 'running';
  if (!running(f.room())) {
    await f.waitFor((m) => m.type === 'state' && running(m.room));
  }
  const b = f.room()?.breakouts;
  await Promise.all(clients.map((c) => c.close()));
  return `/api/meetings/${w.meetingId}/small-groups/${b?.id}/${b?.groups[0]?.id}/notes`;
}

const aNote = {
  code: 'Interaction',
  text: 'Two people laughed together.',
  partId: null,
  people: [],
  startsAt: 1_000,
  endsAt: null,
  span: false,
};

/** A software passkey for this app's address. */
const authenticator = () => new SoftAuthenticator(new URL(t.deps.config.publicUrl).origin);

/** Adds a new passkey to the client's account and returns it. */
async function addedPasskey(c: Client): Promise<SoftAuthenticator> {
  const key = authenticator();
  const start = ok(await c.post('/api/me/passkeys/options'), 'options');
  ok(
    await c.post('/api/me/passkeys', {
      challengeId: start.challengeId,
      response: key.register(start.options),
    }),
    'add passkey',
  );
  return key;
}

/** A second session for the kind, for rows that end it. */
async function freshClient(who: Kind | Person): Promise<Client> {
  const person = typeof who === 'string' ? personOf(who) : who;
  const c = t.newClient();
  if (!person) return c;
  const response = await c.post('/api/auth/login', { email: person.email, password: PASSWORD });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return c;
}

const ok = (r: LightMyRequestResponse, what: string) => {
  if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return (r.body ? r.json() : null) as Json;
};

/**
 * A fresh group: the steward, a member and one other member; the member is not ready for any
 * role, so the meeting's host and facilitator are the steward or the other member.
 */
class World {
  groupId = '';
  inviteToken = '';
  inviteId = '';
  meetingId = '';
  proposalId = '';
  decisionId = '';
  roleId = '';

  static async create(options: { visibility?: string; sizeCap?: number } = {}) {
    const w = new World();
    const { steward, member, other } = people;
    counter += 1;
    const group = ok(
      await steward.post('/api/groups', {
        name: `Circle ${counter}`,
        visibility: options.visibility ?? 'open',
        ...(options.sizeCap ? { sizeCap: options.sizeCap } : {}),
      }),
      'create group',
    );
    w.groupId = group.id;
    const invite = ok(await steward.post(`/api/groups/${w.groupId}/invites`, {}), 'invite');
    w.inviteToken = invite.token;
    w.inviteId = invite.id;
    for (const p of [member, other]) {
      ok(await p.post(`/api/invites/${w.inviteToken}/accept`, { confirm: true }), 'accept');
    }
    return w;
  }

  async withMeeting(hoursAhead = 48) {
    const { steward, member } = people;
    const roles = ok(await steward.get(`/api/groups/${this.groupId}/meetings`), 'schedule').roles;
    this.roleId = roles[0].id;
    ok(
      await member.put(`/api/groups/${this.groupId}/roles/not-ready`, {
        roleIds: roles.map((r: { id: string }) => r.id),
      }),
      'not ready',
    );
    const planned = ok(
      await steward.post(
        `/api/groups/${this.groupId}/meetings`,
        oneOnlineMeeting(hoursAhead * HOUR, t.clock.now.getTime()),
      ),
      'plan',
    );
    this.meetingId = planned.upcoming[0].id;
    return this;
  }

  /** The steward's proposal to adopt a template, still open. */
  async withProposal() {
    const [template] = ok(await t.anon.get('/api/agreement-templates'), 'templates').items;
    this.proposalId = ok(
      await people.steward.post(`/api/groups/${this.groupId}/agreement/proposals`, {
        change: { kind: 'adopt', items: template.items },
        reason: 'A starting point.',
      }),
      'propose',
    ).id;
    return this;
  }

  /** An adopted agreement, version 1. */
  async withAgreement() {
    await this.withProposal();
    for (const p of [people.member, people.other]) {
      ok(
        await p.put(`/api/groups/${this.groupId}/agreement/proposals/${this.proposalId}/response`, {
          response: 'agree',
        }),
        'agree',
      );
    }
    return this;
  }

  threadId = '';
  postId = '';
  replyId = '';

  /** A thread the steward started in the group's shared space, with the member's reply. */
  async withThread(space: 'everyone' | 'peers' = 'everyone') {
    const made = ok(
      await people.steward.post(`${g(this)}/space/threads`, {
        space,
        kind: 'question',
        wants: 'ideas',
        title: 'Evenings',
        body: 'How do you wind down?',
      }),
      'thread',
    );
    this.threadId = made.threadId;
    this.postId = made.postId;
    this.replyId = ok(
      await people.member.post(`/api/space/threads/${this.threadId}/replies`, { body: 'A walk.' }),
      'reply',
    ).postId;
    return this;
  }

  /** The steward has asked for the purpose and drafted one: an open decision. */
  async withPurposeAsked() {
    ok(await people.steward.post(`/api/groups/${this.groupId}/purpose/ask`, {}), 'ask');
    return this;
  }

  async withDecision() {
    await this.withPurposeAsked();
    ok(
      await people.steward.post(`/api/groups/${this.groupId}/purpose/drafts`, {
        purpose: 'Peer support for new parents',
      }),
      'draft',
    );
    const purpose = ok(await people.steward.get(`/api/groups/${this.groupId}/purpose`), 'purpose');
    this.decisionId = purpose.openDecision.id;
    return this;
  }

  /** The group has held its planned meetings and is reviewing itself. */
  async inReview() {
    await t.deps.db
      .updateTable('groups')
      .set({ stage: 'review' })
      .where('id', '=', this.groupId)
      .execute();
    t.deps.cache.forgetGroup(this.groupId);
    return this;
  }

  /** The steward asks the member to take one of the steward's roles at the meeting. */
  async withSwap() {
    await this.withMeeting();
    const meeting = ok(await people.steward.get(`/api/meetings/${this.meetingId}`), 'meeting');
    const held = meeting.roles.find(
      (r: { holder: { userId: string } | null }) => r.holder?.userId === people.steward.id,
    );
    const asked = ok(
      await people.steward.post(`/api/meetings/${this.meetingId}/swaps`, {
        roleId: held.roleId,
        toUserId: people.member.id,
      }),
      'swap',
    );
    return asked.swaps[0].id as string;
  }
}

/** Whether a response refuses the person: not signed in, not allowed, not found, already in. */
function refused(r: LightMyRequestResponse): boolean {
  if ([401, 403, 404].includes(r.statusCode)) return true;
  if (r.statusCode !== 409) return false;
  const code = r.json().error?.code;
  return ['group.already_member', 'waitlist.not_on', 'swap.closed'].includes(code);
}

interface Row {
  /** `METHOD /path/{param}`, as in the OpenAPI document. */
  route: string;
  /** What this row tries, when a route has more than one. */
  case?: string;
  allowed: readonly Kind[];
  /** Prepares a fresh world for one kind and returns the request to make. */
  run(kind: Kind, client: Client): Promise<LightMyRequestResponse>;
}

const g = (w: World) => `/api/groups/${w.groupId}`;
const confirm = { confirm: true };
const answers = {
  hope: 'To learn from peers',
  bring: 'Ten years on wards',
  commit: 'Yes, all of them',
  since: 'Over 5 years',
  tried: 'No',
};

const thread = async () => (await World.create()).withThread();
const threadPath = (w: World) => `/api/space/threads/${w.threadId}`;
const postPath = (w: World, id = w.replyId) => `/api/space/posts/${id}`;
/** The other member reports the member's reply as a risk of harm. */
const reported = async (w: World): Promise<string> =>
  ok(await people.other.post(`${postPath(w)}/reports`, { reason: 'harm' }), 'report').reportId;
/** A thread whose reply the steward hid after a report. */
async function hiddenReply(): Promise<World> {
  const w = await thread();
  const reportId = await reported(w);
  ok(
    await people.steward.post(`/api/space/reports/${reportId}/settle`, { outcome: 'hide' }),
    'hide',
  );
  return w;
}

const SPACE_ROWS: Row[] = [
  {
    route: 'GET /api/groups/{id}/space',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await thread())}/space?space=peers`),
  },
  {
    route: 'POST /api/groups/{id}/space/threads',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.post(`${g(await World.create())}/space/threads`, {
        space: 'peers',
        kind: 'share',
        wants: 'listening',
        title: 'Today',
        body: 'A long day.',
      }),
  },
  {
    route: 'GET /api/groups/{id}/space/search',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await thread())}/space/search?q=walk`),
  },
  {
    route: 'GET /api/groups/{id}/space/reports',
    allowed: ['steward'],
    run: async (_k, c) => c.get(`${g(await thread())}/space/reports`),
  },
  {
    route: 'GET /api/groups/{id}/space/language',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/space/language`),
  },
  {
    route: 'POST /api/groups/{id}/space/language',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.post(`${g(await World.create())}/space/language`, {
        problem: 'frequent flyer',
        suggestion: 'someone who comes often',
      }),
  },
  {
    route: 'DELETE /api/groups/{id}/space/language/{entryId}',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await World.create();
      const list = ok(
        await people.steward.post(`${g(w)}/space/language`, {
          problem: 'nutcase',
          suggestion: 'x',
        }),
        'language',
      );
      return c.delete(`${g(w)}/space/language/${list.entries[0].id}`);
    },
  },
  {
    route: 'GET /api/space/threads/{threadId}',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(threadPath(await thread())),
  },
  {
    route: 'GET /api/space/threads/{threadId}/posts',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${threadPath(await thread())}/posts?after=1`),
  },
  {
    route: 'POST /api/space/threads/{threadId}/replies',
    allowed: IN_GROUP,
    run: async (_k, c) => c.post(`${threadPath(await thread())}/replies`, { body: 'Me too.' }),
  },
  {
    route: 'PUT /api/space/threads/{threadId}/read',
    allowed: IN_GROUP,
    run: async (_k, c) => c.put(`${threadPath(await thread())}/read`, { seq: 2 }),
  },
  {
    route: 'PUT /api/space/threads/{threadId}/volume',
    allowed: IN_GROUP,
    run: async (_k, c) => c.put(`${threadPath(await thread())}/volume`, { volume: 'mute' }),
  },
  {
    route: 'PATCH /api/space/posts/{postId}',
    case: 'the member’s own reply',
    allowed: ['member'],
    run: async (_k, c) => c.patch(postPath(await thread()), { body: 'A long walk.' }),
  },
  {
    route: 'DELETE /api/space/posts/{postId}',
    allowed: ['member'],
    run: async (_k, c) => c.delete(postPath(await thread())),
  },
  {
    route: 'GET /api/space/posts/{postId}/history',
    allowed: ['member'],
    run: async (_k, c) => c.get(`${postPath(await thread())}/history`),
  },
  {
    route: 'PUT /api/space/posts/{postId}/helped',
    case: 'the asker (the steward) marks the member’s reply',
    allowed: ['steward'],
    run: async (_k, c) => c.put(`${postPath(await thread())}/helped`, { helped: true }),
  },
  {
    route: 'PUT /api/space/posts/{postId}/warmth',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.put(`${postPath(await thread())}/warmth`, { kind: 'same_here', on: true }),
  },
  {
    route: 'POST /api/space/posts/{postId}/reports',
    allowed: IN_GROUP,
    run: async (_k, c) => c.post(`${postPath(await thread())}/reports`, { reason: 'harm' }),
  },
  {
    route: 'POST /api/space/reports/{reportId}/settle',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await thread();
      const reportId = await reported(w);
      return c.post(`/api/space/reports/${reportId}/settle`, { outcome: 'hide', note: 'Kindly.' });
    },
  },
  {
    route: 'POST /api/space/posts/{postId}/second-look',
    allowed: ['member'],
    run: async (_k, c) => {
      const w = await hiddenReply();
      return c.post(`${postPath(w)}/second-look`, { note: 'Please look again.' });
    },
  },
  {
    route: 'PUT /api/space/posts/{postId}/hidden',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await hiddenReply();
      return c.put(`${postPath(w)}/hidden`, { show: true });
    },
  },
  {
    route: 'DELETE /api/groups/{id}/staff/{userId}',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await World.create();
      const staff = await t.signUp('Visiting facilitator');
      const invite = ok(
        await people.steward.post(`${g(w)}/invites`, { role: 'facilitator' }),
        'staff invite',
      );
      ok(await staff.post(`/api/invites/${invite.token}/accept`, confirm), 'accept');
      return c.delete(`${g(w)}/staff/${staff.id}`);
    },
  },
];

const ROWS: Row[] = [
  ...SPACE_ROWS,
  // Accounts and sessions
  {
    route: 'POST /api/auth/signup',
    allowed: KINDS,
    run: (_k, c) =>
      c.post('/api/auth/signup', {
        email: `new.${process.pid}.${++counter}@example.org`,
        password: PASSWORD,
        displayName: 'New',
      }),
  },
  {
    route: 'POST /api/auth/login',
    allowed: KINDS,
    run: (_k, c) => c.post('/api/auth/login', { email: people.other.email, password: PASSWORD }),
  },
  {
    route: 'POST /api/auth/logout',
    allowed: KINDS,
    run: async (k) => (await freshClient(k)).post('/api/auth/logout'),
  },
  {
    route: 'POST /api/auth/forgot',
    allowed: KINDS,
    run: (_k, c) => c.post('/api/auth/forgot', { email: people.other.email }),
  },
  {
    route: 'POST /api/auth/reset',
    case: 'with the link mailed to them',
    allowed: KINDS,
    run: async (_k, c) => {
      const someone = await t.signUp('Forgetful');
      ok(await t.anon.post('/api/auth/forgot', { email: someone.email }), 'forgot');
      const token = await t.mailedLink(someone.email, 'reset-password');
      return c.post('/api/auth/reset', { token, password: PASSWORD });
    },
  },
  {
    route: 'POST /api/auth/verify',
    case: 'with the link mailed to them',
    allowed: KINDS,
    run: async (_k, c) => {
      const someone = await t.signUp('Newcomer', { confirmed: false });
      const token = await t.mailedLink(someone.email, 'verify-email');
      return c.post('/api/auth/verify', { token });
    },
  },
  {
    route: 'POST /api/auth/confirm-email',
    case: 'with the link mailed to the new address',
    allowed: KINDS,
    run: async (_k, c) => {
      const someone = await t.signUp('Mover');
      const email = `moved.${process.pid}.${++counter}@example.org`;
      ok(await someone.post('/api/me/email', { email, password: PASSWORD }), 'ask');
      return c.post('/api/auth/confirm-email', {
        token: await t.mailedLink(email, 'confirm-email'),
      });
    },
  },
  { route: 'GET /api/me', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me') },
  {
    route: 'POST /api/auth/passkey/signup-options',
    allowed: KINDS,
    run: (_k, c) =>
      c.post('/api/auth/passkey/signup-options', {
        email: `key.${process.pid}.${++counter}@example.org`,
        displayName: 'Key',
      }),
  },
  {
    route: 'POST /api/auth/passkey/signup',
    allowed: KINDS,
    run: async (_k, c) => {
      const start = ok(
        await c.post('/api/auth/passkey/signup-options', {
          email: `key.${process.pid}.${++counter}@example.org`,
          displayName: 'Key',
        }),
        'options',
      );
      return c.post('/api/auth/passkey/signup', {
        challengeId: start.challengeId,
        response: authenticator().register(start.options),
      });
    },
  },
  {
    route: 'POST /api/auth/passkey/signin-options',
    allowed: KINDS,
    run: (_k, c) => c.post('/api/auth/passkey/signin-options'),
  },
  {
    route: 'POST /api/auth/passkey/signin',
    case: 'with their passkey',
    allowed: KINDS,
    run: async (_k, c) => {
      const key = authenticator();
      const start = ok(
        await t.newClient().post('/api/auth/passkey/signup-options', {
          email: `key.${process.pid}.${++counter}@example.org`,
          displayName: 'Key',
        }),
        'options',
      );
      ok(
        await t.newClient().post('/api/auth/passkey/signup', {
          challengeId: start.challengeId,
          response: key.register(start.options),
        }),
        'sign up',
      );
      const signIn = ok(await c.post('/api/auth/passkey/signin-options'), 'sign-in options');
      return c.post('/api/auth/passkey/signin', {
        challengeId: signIn.challengeId,
        response: key.assert(signIn.options),
      });
    },
  },
  { route: 'GET /api/me/passkeys', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/passkeys') },
  {
    route: 'POST /api/me/passkeys/options',
    allowed: SIGNED_IN,
    run: (_k, c) => c.post('/api/me/passkeys/options'),
  },
  {
    route: 'POST /api/me/passkeys',
    allowed: SIGNED_IN,
    run: async (k, c) => {
      if (k === 'signed_out')
        return c.post('/api/me/passkeys', { challengeId: newId(), response: {} });
      const start = ok(await c.post('/api/me/passkeys/options'), 'options');
      return c.post('/api/me/passkeys', {
        challengeId: start.challengeId,
        response: authenticator().register(start.options),
      });
    },
  },
  {
    route: 'DELETE /api/me/passkeys/{id}',
    case: 'one of their own',
    allowed: SIGNED_IN,
    run: async (k, c) => {
      if (k === 'signed_out') return c.delete('/api/me/passkeys/someone');
      const key = await addedPasskey(c);
      return c.delete(`/api/me/passkeys/${key.id}`);
    },
  },
  {
    route: 'POST /api/me/confirm/options',
    allowed: SIGNED_IN,
    run: (_k, c) => c.post('/api/me/confirm/options'),
  },
  {
    route: 'POST /api/me/confirm',
    case: 'with their passkey',
    allowed: SIGNED_IN,
    run: async (k, c) => {
      if (k === 'signed_out')
        return c.post('/api/me/confirm', { challengeId: newId(), response: {} });
      const key = await addedPasskey(c);
      const confirm = ok(await c.post('/api/me/confirm/options'), 'confirm options');
      return c.post('/api/me/confirm', {
        challengeId: confirm.challengeId,
        response: key.assert(confirm.options),
      });
    },
  },
  {
    route: 'PATCH /api/me',
    allowed: SIGNED_IN,
    run: (k, c) => c.patch('/api/me', { displayName: k.charAt(0).toUpperCase() + k.slice(1) }),
  },
  {
    route: 'PUT /api/me/password',
    case: 'to the same password',
    allowed: SIGNED_IN,
    run: (_k, c) => c.put('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD }),
  },
  {
    route: 'POST /api/me/email',
    allowed: SIGNED_IN,
    run: (_k, c) =>
      c.post('/api/me/email', {
        email: `elsewhere.${process.pid}.${++counter}@example.org`,
        password: PASSWORD,
      }),
  },
  { route: 'GET /api/me/export', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/export') },
  {
    route: 'POST /api/me/close',
    case: 'their own account',
    allowed: SIGNED_IN,
    run: async (k, c) =>
      k === 'signed_out'
        ? c.post('/api/me/close', { password: PASSWORD })
        : (await t.signUp('Leaving')).post('/api/me/close', { password: PASSWORD }),
  },
  {
    route: 'POST /api/me/email/confirmation',
    case: 'for their own unconfirmed address',
    allowed: SIGNED_IN,
    run: async (k, c) =>
      k === 'signed_out'
        ? c.post('/api/me/email/confirmation')
        : (await t.signUp('Unconfirmed', { confirmed: false })).post('/api/me/email/confirmation'),
  },
  { route: 'GET /api/me/sessions', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/sessions') },
  {
    route: 'GET /api/me/recordings',
    allowed: SIGNED_IN,
    run: (_k, c) => c.get('/api/me/recordings'),
  },
  {
    route: 'DELETE /api/me/sessions/{id}',
    case: 'one of my other sessions',
    allowed: SIGNED_IN,
    run: async (k, c) => {
      const other = await freshClient(k === 'signed_out' ? 'outsider' : k);
      const sessions = ok(await other.get('/api/me/sessions'), 'sessions').items;
      const id = sessions.find((s: { current: boolean }) => s.current).id;
      return c.delete(`/api/me/sessions/${id}`);
    },
  },
  {
    route: 'DELETE /api/me/sessions/{id}',
    case: 'someone else’s session',
    allowed: [],
    run: async (_k, c) => {
      const theirs = await freshClient(people.other);
      const sessions = ok(await theirs.get('/api/me/sessions'), 'sessions').items;
      return c.delete(`/api/me/sessions/${sessions[0].id}`);
    },
  },

  // Groups
  {
    route: 'POST /api/groups',
    allowed: SIGNED_IN,
    run: (_k, c) => c.post('/api/groups', { name: 'Mine', visibility: 'open' }),
  },
  { route: 'GET /api/groups', allowed: KINDS, run: (_k, c) => c.get('/api/groups') },
  { route: 'GET /api/me/groups', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/groups') },
  {
    route: 'GET /api/groups/{id}',
    case: 'an open group',
    allowed: KINDS,
    run: async (_k, c) => c.get(g(await World.create())),
  },
  {
    route: 'GET /api/groups/{id}',
    case: 'an invite-only group',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(g(await World.create({ visibility: 'invite_only' }))),
  },
  {
    route: 'PATCH /api/groups/{id}',
    allowed: ['steward'],
    run: async (_k, c) => c.patch(g(await World.create()), { description: 'Changed' }),
  },
  {
    route: 'POST /api/groups/{id}/join',
    allowed: NOT_IN_GROUP,
    run: async (_k, c) => c.post(`${g(await World.create())}/join`, confirm),
  },
  {
    route: 'DELETE /api/groups/{id}/members/{userId}',
    case: 'removing someone else',
    allowed: ['steward'],
    run: async (_k, c) => c.delete(`${g(await World.create())}/members/${people.other.id}`),
  },
  {
    route: 'DELETE /api/groups/{id}/members/{userId}',
    case: 'leaving (a steward, once there is another)',
    allowed: IN_GROUP,
    run: async (k, c) => {
      const w = await World.create();
      ok(
        await people.steward.patch(`${g(w)}/members/${people.other.id}`, { role: 'steward' }),
        'another steward',
      );
      return c.delete(`${g(w)}/members/${personOf(k)?.id ?? people.member.id}`);
    },
  },
  {
    route: 'PATCH /api/groups/{id}/members/{userId}',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.patch(`${g(await World.create())}/members/${people.other.id}`, { role: 'steward' }),
  },
  {
    route: 'POST /api/groups/{id}/invites',
    allowed: ['steward'],
    run: async (_k, c) => c.post(`${g(await World.create())}/invites`, {}),
  },
  {
    route: 'GET /api/groups/{id}/invites',
    allowed: ['steward'],
    run: async (_k, c) => c.get(`${g(await World.create())}/invites`),
  },
  {
    route: 'DELETE /api/groups/{id}/invites/{inviteId}',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await World.create();
      return c.delete(`${g(w)}/invites/${w.inviteId}`);
    },
  },
  {
    route: 'GET /api/invites/{token}',
    allowed: KINDS,
    run: async (_k, c) =>
      c.get(`/api/invites/${(await World.create({ visibility: 'invite_only' })).inviteToken}`),
  },
  {
    route: 'POST /api/invites/{token}/accept',
    case: 'members already in are answered with the group',
    allowed: SIGNED_IN,
    run: async (_k, c) =>
      c.post(
        `/api/invites/${(await World.create({ visibility: 'invite_only' })).inviteToken}/accept`,
        confirm,
      ),
  },

  // Joining
  {
    route: 'GET /api/groups/{id}/joining',
    allowed: KINDS,
    run: async (_k, c) => c.get(`${g(await World.create({ visibility: 'closed' }))}/joining`),
  },
  {
    route: 'POST /api/groups/{id}/waitlist',
    allowed: NOT_IN_GROUP,
    run: async (_k, c) => c.post(`${g(await World.create({ sizeCap: 3 }))}/waitlist`, confirm),
  },
  {
    route: 'DELETE /api/groups/{id}/waitlist',
    allowed: NOT_IN_GROUP,
    run: async (k, c) => {
      const w = await World.create({ sizeCap: 3 });
      if (NOT_IN_GROUP.includes(k)) ok(await c.post(`${g(w)}/waitlist`, confirm), 'wait');
      return c.delete(`${g(w)}/waitlist`);
    },
  },
  {
    route: 'POST /api/groups/{id}/waitlist/claim',
    allowed: NOT_IN_GROUP,
    run: async (k, c) => {
      const w = await World.create({ sizeCap: 3 });
      if (NOT_IN_GROUP.includes(k)) ok(await c.post(`${g(w)}/waitlist`, confirm), 'wait');
      ok(await people.other.delete(`${g(w)}/members/${people.other.id}`), 'leave');
      return c.post(`${g(w)}/waitlist/claim`, confirm);
    },
  },
  {
    route: 'POST /api/groups/{id}/applications',
    allowed: NOT_IN_GROUP,
    run: async (_k, c) =>
      c.post(`${g(await World.create({ visibility: 'closed' }))}/applications`, {
        ...confirm,
        answers,
      }),
  },
  {
    route: 'GET /api/groups/{id}/applications',
    allowed: ['steward'],
    run: async (_k, c) => c.get(`${g(await World.create({ visibility: 'closed' }))}/applications`),
  },
  {
    route: 'GET /api/me/applications',
    allowed: SIGNED_IN,
    run: (_k, c) => c.get('/api/me/applications'),
  },
  { route: 'GET /api/me/waiting', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/waiting') },
  {
    route: 'POST /api/applications/{applicationId}/withdraw',
    case: 'the applicant',
    allowed: NOT_IN_GROUP,
    run: async (k, c) => {
      const w = await World.create({ visibility: 'closed' });
      const applicant = NOT_IN_GROUP.includes(k) ? c : people.outsider;
      const application = ok(
        await applicant.post(`${g(w)}/applications`, { ...confirm, answers }),
        'apply',
      );
      return c.post(`/api/applications/${application.id}/withdraw`);
    },
  },
  {
    route: 'POST /api/applications/{applicationId}/decision',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await World.create({ visibility: 'closed' });
      const application = ok(
        await people.outsider.post(`${g(w)}/applications`, { ...confirm, answers }),
        'apply',
      );
      return c.post(`/api/applications/${application.id}/decision`, { outcome: 'accept' });
    },
  },

  // Purpose and the group's own decisions
  {
    route: 'GET /api/groups/{id}/purpose',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/purpose`),
  },
  {
    route: 'POST /api/groups/{id}/purpose/ask',
    allowed: ['steward'],
    run: async (_k, c) => c.post(`${g(await World.create())}/purpose/ask`, {}),
  },
  {
    route: 'PUT /api/groups/{id}/purpose/answer',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.put(`${g(await (await World.create()).withPurposeAsked())}/purpose/answer`, {
        answer: 'Peer support for new parents',
      }),
  },
  {
    route: 'POST /api/groups/{id}/purpose/drafts',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.post(`${g(await (await World.create()).withPurposeAsked())}/purpose/drafts`, {
        purpose: 'Peer support for new parents',
      }),
  },
  {
    route: 'GET /api/decisions/{decisionId}',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.get(`/api/decisions/${(await (await World.create()).withDecision()).decisionId}`),
  },
  {
    route: 'PUT /api/decisions/{decisionId}/response',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.put(`/api/decisions/${(await (await World.create()).withDecision()).decisionId}/response`, {
        response: 'agree',
      }),
  },
  {
    route: 'POST /api/decisions/{decisionId}/withdraw',
    case: 'the steward’s own',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.post(`/api/decisions/${(await (await World.create()).withDecision()).decisionId}/withdraw`),
  },

  // Lifecycle
  {
    route: 'GET /api/groups/{id}/lifecycle',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/lifecycle`),
  },
  {
    route: 'POST /api/groups/{id}/review',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.post(`${g(await (await World.create()).inReview())}/review`, { option: 'continue' }),
  },
  {
    route: 'POST /api/groups/{id}/close',
    case: 'once everyone else has left',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await World.create();
      for (const p of [people.member, people.other])
        ok(await p.delete(`${g(w)}/members/${p.id}`), 'leave');
      return c.post(`${g(w)}/close`);
    },
  },
  {
    route: 'GET /api/groups/{id}/record',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/record`),
  },
  {
    route: 'GET /api/admin/mail/{mailId}',
    allowed: ['admin'],
    run: async (_k, c) => {
      const [mail] = ok(await people.admin.get('/api/admin/mail'), 'outbox').items;
      return c.get(`/api/admin/mail/${mail.id}`);
    },
  },
  {
    route: 'GET /api/groups/{id}/my-contributions',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/my-contributions`),
  },

  // The comfort agreement
  {
    route: 'GET /api/agreement-templates',
    allowed: KINDS,
    run: (_k, c) => c.get('/api/agreement-templates'),
  },
  {
    route: 'GET /api/groups/{id}/agreement',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/agreement`),
  },
  {
    route: 'GET /api/groups/{id}/agreement/versions/{number}',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.get(`${g(await (await World.create()).withAgreement())}/agreement/versions/1`),
  },
  {
    route: 'POST /api/groups/{id}/agreement/acknowledge',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.post(`${g(await (await World.create()).withAgreement())}/agreement/acknowledge`, {
        version: 1,
      }),
  },
  {
    route: 'POST /api/groups/{id}/agreement/proposals',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.post(`${g(await (await World.create()).withAgreement())}/agreement/proposals`, {
        change: { kind: 'add', item: { title: 'Phones away', text: 'We put phones away.' } },
        reason: 'So we listen.',
      }),
  },
  ...(
    [
      ['GET', '', IN_GROUP, undefined],
      ['PUT', '/response', IN_GROUP, { response: 'agree' }],
      [
        'POST',
        '/revise',
        ['steward'],
        {
          change: { kind: 'adopt', items: [{ title: 'Kindness', text: 'We are kind.' }] },
          reason: 'Shorter.',
        },
      ],
      ['POST', '/withdraw', ['steward'], undefined],
      ['POST', '/close', ['steward'], { note: 'Stale' }],
    ] as const
  ).map(
    ([method, tail, allowed, body]): Row => ({
      route: `${method} /api/groups/{id}/agreement/proposals/{proposalId}${tail}`,
      ...(tail === '/revise' || tail === '/withdraw' ? { case: 'the steward’s own' } : {}),
      allowed,
      run: async (_k, c) => {
        const w = await (await World.create()).withProposal();
        const url = `${g(w)}/agreement/proposals/${w.proposalId}${tail}`;
        return method === 'GET'
          ? c.get(url)
          : method === 'PUT'
            ? c.put(url, body)
            : c.post(url, body);
      },
    }),
  ),

  // Meetings
  {
    route: 'GET /api/groups/{id}/meetings',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/meetings`),
  },
  {
    route: 'POST /api/groups/{id}/meetings',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.post(
        `${g(await World.create())}/meetings`,
        oneOnlineMeeting(48 * HOUR, t.clock.now.getTime()),
      ),
  },
  {
    route: 'PATCH /api/groups/{id}/meeting-settings',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.patch(`${g(await World.create())}/meeting-settings`, { meetingMinutes: 60 }),
  },
  {
    route: 'GET /api/meetings/{meetingId}/speaking',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.get(`/api/meetings/${(await (await World.create()).withMeeting()).meetingId}/speaking`),
  },
  {
    route: 'PUT /api/meetings/{meetingId}/reflection',
    case: 'having been at the session',
    allowed: IN_GROUP,
    run: async (kind, c) => {
      const w = await (await World.create()).withMeeting(0.5);
      const person = personOf(kind);
      // Members come into the session first; nobody else can.
      if (person && IN_GROUP.includes(kind)) {
        const live = await connectLive(baseUrl, w.meetingId, person.cookie);
        await live.command({ type: 'join' });
        await live.close();
      }
      return c.put(`/api/meetings/${w.meetingId}/reflection`, {
        words: 'Calmer than I came in.',
        rating: 4,
        shared: false,
      });
    },
  },
  {
    route: 'DELETE /api/meetings/{meetingId}/reflection',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.delete(
        `/api/meetings/${(await (await World.create()).withMeeting()).meetingId}/reflection`,
      ),
  },
  {
    route: 'GET /api/meetings/{meetingId}/notes',
    case: 'as the session’s observer',
    allowed: IN_GROUP,
    run: async (kind, c) => c.get(`/api/meetings/${(await observedBy(kind)).meetingId}/notes`),
  },
  {
    route: 'PUT /api/meetings/{meetingId}/notes/{noteId}',
    case: 'as the session’s observer',
    allowed: IN_GROUP,
    run: async (kind, c) =>
      c.put(`/api/meetings/${(await observedBy(kind)).meetingId}/notes/${randomUUID()}`, aNote),
  },
  {
    route: 'DELETE /api/meetings/{meetingId}/notes/{noteId}',
    case: 'a note that is not there',
    allowed: IN_GROUP,
    run: async (_k, c) =>
      c.delete(
        `/api/meetings/${(await (await World.create()).withMeeting()).meetingId}/notes/${randomUUID()}`,
      ),
  },
  ...(['/timeline', '/timeline/csv'] as const).map(
    (tail): Row => ({
      route: `GET /api/meetings/{meetingId}${tail}`,
      allowed: IN_GROUP,
      run: async (_k, c) =>
        c.get(`/api/meetings/${(await (await World.create()).withMeeting()).meetingId}${tail}`),
    }),
  ),
  {
    route: 'GET /api/meetings/{meetingId}/small-groups/{breakoutsId}/{groupId}/notes',
    case: 'one’s own small group',
    allowed: IN_GROUP,
    run: async (kind, c) => c.get(await inSmallGroup(kind)),
  },
  {
    route: 'PUT /api/meetings/{meetingId}/small-groups/{breakoutsId}/{groupId}/notes',
    case: 'one’s own small group, while it runs',
    allowed: IN_GROUP,
    run: async (kind, c) => c.put(await inSmallGroup(kind), { text: 'We talked about sleep.' }),
  },
  {
    route: 'GET /api/meetings/{meetingId}/recordings',
    allowed: IN_GROUP,
    run: async (kind, c) =>
      c.get(`/api/meetings/${(await recordedFor(kind)).w.meetingId}/recordings`),
  },
  {
    route: 'PUT /api/meetings/{meetingId}/recordings/{recordingId}/tracks/{userId}/slices/{seq}',
    case: 'one’s own track, having agreed',
    allowed: IN_GROUP,
    run: async (kind, c) => {
      const r = await recordedFor(kind);
      return putSlice(c, `${r.tracks}/${personOf(kind)?.id ?? r.leadId}/slices/1`);
    },
  },
  {
    route: 'GET /api/meetings/{meetingId}/recordings/{recordingId}/tracks/{userId}',
    case: 'the facilitator’s track',
    allowed: IN_GROUP,
    run: async (kind, c) => {
      const r = await recordedFor(kind);
      return c.get(`${r.tracks}/${r.leadId}`);
    },
  },
  {
    route: 'DELETE /api/meetings/{meetingId}/recordings/{recordingId}/tracks/{userId}',
    case: 'one’s own track',
    allowed: IN_GROUP,
    run: async (kind, c) => {
      const r = await recordedFor(kind);
      return c.delete(`${r.tracks}/${personOf(kind)?.id ?? r.leadId}`);
    },
  },
  {
    route: 'GET /api/groups/{id}/codebook',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/codebook`),
  },
  {
    route: 'PUT /api/groups/{id}/codebook',
    allowed: ['steward'],
    run: async (_k, c) =>
      c.put(`${g(await World.create())}/codebook`, {
        codes: [
          { key: 'w', label: 'Warmth' },
          { key: 's', label: 'Silence' },
        ],
      }),
  },
  {
    route: 'GET /api/groups/{id}/commitment',
    allowed: IN_GROUP,
    run: async (_k, c) => c.get(`${g(await World.create())}/commitment`),
  },
  ...(
    [
      ['GET', '', IN_GROUP, undefined],
      ['PATCH', '', ['steward'], { note: 'Bring a cushion' }],
      ['POST', '/cancel', ['steward'], { note: 'The hall flooded' }],
      ['PUT', '/rsvp', IN_GROUP, { response: 'going' }],
      ['PUT', '/attendance', ['steward'], { records: [] }],
      ['GET', '/ics', IN_GROUP, undefined],
    ] as const
  ).map(
    ([method, tail, allowed, body]): Row => ({
      route: `${method} /api/meetings/{meetingId}${tail}`,
      ...(method === 'PATCH' || tail === '/cancel' || tail === '/attendance'
        ? { case: 'neither host nor facilitator' }
        : {}),
      allowed,
      run: async (_k, c) => {
        // Attendance is recorded from an hour before: that meeting is half an hour away.
        const w = await (await World.create()).withMeeting(tail === '/attendance' ? 0.5 : 48);
        const url = `/api/meetings/${w.meetingId}${tail}`;
        return method === 'GET'
          ? c.get(url)
          : method === 'PUT'
            ? c.put(url, body)
            : method === 'PATCH'
              ? c.patch(url, body)
              : c.post(url, body);
      },
    }),
  ),
  {
    route: 'POST /api/meetings/{meetingId}/swaps',
    case: 'a role the steward holds',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await (await World.create()).withMeeting();
      const meeting = ok(await people.steward.get(`/api/meetings/${w.meetingId}`), 'meeting');
      const held = meeting.roles.find(
        (r: { holder: { userId: string } | null }) => r.holder?.userId === people.steward.id,
      );
      return c.post(`/api/meetings/${w.meetingId}/swaps`, {
        roleId: held.roleId,
        toUserId: people.other.id,
      });
    },
  },
  {
    route: 'POST /api/swaps/{swapId}/accept',
    case: 'asked of the member',
    allowed: ['member'],
    run: async (_k, c) =>
      c.post(`/api/swaps/${await (await World.create()).withSwap()}/accept`, confirm),
  },
  {
    route: 'POST /api/swaps/{swapId}/decline',
    case: 'asked of the member',
    allowed: ['member'],
    run: async (_k, c) => c.post(`/api/swaps/${await (await World.create()).withSwap()}/decline`),
  },
  {
    route: 'POST /api/swaps/{swapId}/cancel',
    case: 'asked by the steward',
    allowed: ['steward'],
    run: async (_k, c) => c.post(`/api/swaps/${await (await World.create()).withSwap()}/cancel`),
  },
  { route: 'GET /api/me/schedule', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/schedule') },

  // Roles and the rota
  {
    route: 'POST /api/groups/{id}/roles',
    allowed: ['steward'],
    run: async (_k, c) => c.post(`${g(await World.create())}/roles`, { name: 'Tea' }),
  },
  {
    route: 'PATCH /api/groups/{id}/roles/{roleId}',
    allowed: ['steward'],
    run: async (_k, c) => {
      const w = await (await World.create()).withMeeting();
      return c.patch(`${g(w)}/roles/${w.roleId}`, { inRota: false });
    },
  },
  {
    route: 'PUT /api/groups/{id}/roles/not-ready',
    allowed: IN_GROUP,
    run: async (_k, c) => c.put(`${g(await World.create())}/roles/not-ready`, { roleIds: [] }),
  },
  {
    route: 'POST /api/groups/{id}/rota/plan',
    allowed: ['steward'],
    run: async (_k, c) => c.post(`${g(await (await World.create()).withMeeting())}/rota/plan`),
  },

  // Calendars
  { route: 'GET /api/me/calendar', allowed: SIGNED_IN, run: (_k, c) => c.get('/api/me/calendar') },
  {
    route: 'POST /api/me/calendar',
    allowed: SIGNED_IN,
    run: (_k, c) => c.post('/api/me/calendar'),
  },
  {
    route: 'DELETE /api/me/calendar',
    allowed: SIGNED_IN,
    run: (_k, c) => c.delete('/api/me/calendar'),
  },
  {
    route: 'GET /api/calendar/{token}',
    case: 'with the member’s feed token',
    allowed: KINDS,
    run: async (_k, c) => {
      const feed = ok(await people.member.post('/api/me/calendar'), 'feed');
      return c.get(`/api/calendar/${feed.url.split('/').pop()}`);
    },
  },

  // Email choices
  {
    route: 'GET /api/me/email-preferences',
    allowed: SIGNED_IN,
    run: (_k, c) => c.get('/api/me/email-preferences'),
  },
  {
    route: 'PUT /api/me/email-preferences',
    allowed: SIGNED_IN,
    run: (_k, c) =>
      c.put('/api/me/email-preferences', {
        reminders: [],
        roles: true,
        changes: true,
        proposals: true,
      }),
  },
  {
    route: 'GET /api/email-preferences/{token}',
    case: 'with the member’s mailed link',
    allowed: KINDS,
    run: async (_k, c) =>
      c.get(`/api/email-preferences/${await preferencesToken(t.deps.db, people.member.id)}`),
  },
  {
    route: 'PUT /api/email-preferences/{token}',
    case: 'with the member’s mailed link',
    allowed: KINDS,
    run: async (_k, c) =>
      c.put(`/api/email-preferences/${await preferencesToken(t.deps.db, people.member.id)}`, {
        reminders: [1440],
        roles: true,
        changes: true,
        proposals: true,
      }),
  },
  {
    route: 'POST /api/email-preferences/{token}/unsubscribe',
    case: 'with a mailed link (its holder’s own, one person each time)',
    allowed: KINDS,
    run: async (_k, c) => {
      const holder = await t.signUp('Link holder');
      return c.post(
        `/api/email-preferences/${await preferencesToken(t.deps.db, holder.id)}/unsubscribe`,
      );
    },
  },
  {
    route: 'POST /api/email-preferences/{token}/replace',
    case: 'with a mailed link (its holder’s own, one person each time)',
    allowed: KINDS,
    run: async (_k, c) => {
      const holder = await t.signUp('Link holder');
      return c.post(
        `/api/email-preferences/${await preferencesToken(t.deps.db, holder.id)}/replace`,
      );
    },
  },

  // Notifications
  {
    route: 'GET /api/me/notifications',
    allowed: SIGNED_IN,
    run: (_k, c) => c.get('/api/me/notifications'),
  },
  {
    route: 'POST /api/me/notifications/read',
    allowed: SIGNED_IN,
    run: (_k, c) => c.post('/api/me/notifications/read'),
  },

  // Settings and administration
  { route: 'GET /api/settings', allowed: KINDS, run: (_k, c) => c.get('/api/settings') },
  { route: 'GET /healthz', allowed: KINDS, run: (_k, c) => c.get('/healthz') },
  { route: 'GET /readyz', allowed: KINDS, run: (_k, c) => c.get('/readyz') },
  {
    route: 'PATCH /api/admin/settings',
    allowed: ['admin'],
    run: (_k, c) => c.patch('/api/admin/settings', { sizeCapMax: 12 }),
  },
  { route: 'GET /api/admin/mail', allowed: ['admin'], run: (_k, c) => c.get('/api/admin/mail') },
  {
    route: 'POST /api/admin/mail/{mailId}/retry',
    case: 'a mail that failed',
    allowed: ['admin'],
    run: async (_k, c) => {
      const at = t.clock.now.toISOString();
      const id = `mail-${++counter}`;
      await enqueueMail(t.deps.db, {
        id,
        user_id: people.member.id,
        to_address: people.member.email,
        kind: 'meeting.cancelled',
        subject: 'Cancelled',
        text_body: 'Cancelled',
        html_body: '<p>Cancelled</p>',
        dedupe_key: null,
        next_attempt_at: at,
        created_at: at,
      });
      await t.deps.db
        .updateTable('email_outbox')
        .set({ status: 'failed' })
        .where('id', '=', id)
        .execute();
      return c.post(`/api/admin/mail/${id}/retry`);
    },
  },
];

/** The live socket is not in the OpenAPI document: it has its own row. */
const LIVE_ROUTE = 'GET /api/live/{meetingId}';
const LIVE_ALLOWED: readonly Kind[] = IN_GROUP;

describe('every HTTP route has a row', () => {
  it('names each route in the OpenAPI document, and no route that is not there', async () => {
    await t.app.ready();
    const paths = (t.app.swagger() as Json).paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set(ROWS.map((r) => r.route));
    expect(routes.filter((r) => !rows.has(r))).toEqual([]);
    expect([...rows].filter((r) => !routes.includes(r))).toEqual([]);
    expect(t.app.hasRoute({ method: 'GET', url: '/api/live/:meetingId' })).toBe(true);
  });
});

describe.each(
  ROWS.map((row) => [row.case ? `${row.route} (${row.case})` : row.route, row] as const),
)('%s', (_name, row) => {
  it.each(KINDS)('as %s', async (kind) => {
    const response = await row.run(kind, clientOf(kind));
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (row.allowed.includes(kind)) {
      expect(response.statusCode, response.body).toBeLessThan(300);
    } else {
      expect(refused(response), `${response.statusCode} ${response.body}`).toBe(true);
    }
  });
});

describe(`${LIVE_ROUTE} (the live session)`, () => {
  it.each(KINDS)('as %s', async (kind) => {
    const w = await (await World.create()).withMeeting(0.5);
    const attempt = await connectLive(baseUrl, w.meetingId, personOf(kind)?.cookie ?? null).then(
      async (client) => {
        await client.close();
        return 'open';
      },
      (error: Error) => error.message,
    );
    if (LIVE_ALLOWED.includes(kind)) expect(attempt).toBe('open');
    else expect(attempt).toMatch(/40[134]/);
  });
});

// ---- Live commands ----------------------------------------------------------------------

type LiveRole = 'participant' | 'facilitator';
type CommandType = LiveCommand['type'];

interface CommandRow {
  allowed: readonly LiveRole[];
  /** Brings the room to where the command makes sense: the facilitator's commands first. */
  before: (ids: { facilitator: string; participant: string }) => LiveCommand[];
  command: LiveCommand | ((ids: { facilitator: string; participant: string }) => LiveCommand);
  /** The facilitator stays away (only for taking the role). */
  facilitatorAway?: boolean;
  /** The refusal for those not allowed, when it is not `not_facilitator`. */
  refusal?: string;
}

const BOTH: LiveRole[] = ['participant', 'facilitator'];
const ROUND: LiveCommand = { type: 'startPhase', index: 0 };
/** The default agenda's third part is open discussion in small groups. */
const OPEN: LiveCommand = { type: 'startPhase', index: 2 };
/** Pairs, chosen, for ten minutes, the facilitator in one too (so both people are in a group). */
const PROPOSE = {
  type: 'proposeBreakouts',
  mode: 'choose',
  size: 2,
  minutes: 10,
  facilitatorJoins: true,
} as const satisfies LiveCommand;

const COMMANDS: Record<CommandType, CommandRow> = {
  join: { allowed: BOTH, before: () => [], command: { type: 'join' } },
  leave: { allowed: BOTH, before: () => [], command: { type: 'leave' } },
  choose: {
    allowed: BOTH,
    before: () => [],
    command: { type: 'choose', choice: { mode: 'listen', feedbackFrom: null, focus: 'Work' } },
  },
  hand: { allowed: BOTH, before: () => [], command: { type: 'hand', raised: true } },
  pass: { allowed: BOTH, before: () => [ROUND], command: { type: 'pass' } },
  takeFacilitation: {
    allowed: BOTH,
    before: () => [],
    facilitatorAway: true,
    command: { type: 'takeFacilitation' },
  },
  endTurn: {
    // The speaker may end their own turn too (the domain's tests cover it).
    allowed: ['facilitator'],
    before: (ids) => [ROUND, { type: 'startTurn', speakerId: ids.facilitator }],
    command: { type: 'endTurn' },
  },
  startPhase: { allowed: ['facilitator'], before: () => [], command: ROUND },
  adjustPhase: {
    allowed: ['facilitator'],
    before: () => [ROUND],
    command: { type: 'adjustPhase', plannedMs: 20 * 60_000 },
  },
  setOrder: {
    allowed: ['facilitator'],
    before: () => [ROUND],
    command: { type: 'setOrder', mode: 'random' },
  },
  startTurn: {
    allowed: ['facilitator'],
    before: () => [ROUND],
    command: { type: 'startTurn' },
  },
  useTemplate: {
    allowed: ['facilitator'],
    before: () => [],
    command: { type: 'useTemplate', templateId: 'peer-support' },
  },
  callOn: {
    allowed: ['facilitator'],
    before: () => [ROUND],
    command: (ids) => ({ type: 'callOn', userId: ids.participant }),
  },
  lowerHand: {
    allowed: ['facilitator'],
    before: () => [],
    command: (ids) => ({ type: 'lowerHand', userId: ids.participant }),
  },
  speaking: {
    // The rota's timekeeper may too (the domain's tests cover it); here nobody holds it.
    allowed: ['facilitator'],
    refusal: 'not_timekeeper',
    before: () => [OPEN],
    command: (ids) => ({ type: 'speaking', userId: ids.participant }),
  },
  markAdvice: { allowed: ['facilitator'], before: () => [OPEN], command: { type: 'markAdvice' } },
  proposeBreakouts: { allowed: ['facilitator'], before: () => [], command: PROPOSE },
  chooseGroup: {
    allowed: BOTH,
    before: () => [PROPOSE],
    command: { type: 'chooseGroup', groupId: 'g1' },
  },
  placeInGroup: {
    allowed: ['facilitator'],
    before: () => [{ ...PROPOSE, mode: 'hand' }],
    command: (ids) => ({ type: 'placeInGroup', userId: ids.participant, groupId: 'g1' }),
  },
  cancelBreakouts: {
    allowed: ['facilitator'],
    before: () => [PROPOSE],
    command: { type: 'cancelBreakouts' },
  },
  startBreakouts: {
    allowed: ['facilitator'],
    before: () => [PROPOSE],
    command: { type: 'startBreakouts' },
  },
  inGroup: {
    allowed: BOTH,
    before: () => [PROPOSE, { type: 'startBreakouts' }],
    command: { type: 'inGroup', command: { type: 'hand', raised: true } },
  },
  agreeExtend: {
    allowed: BOTH,
    before: () => [PROPOSE, { type: 'startBreakouts' }],
    command: { type: 'agreeExtend' },
  },
  shareNotes: {
    allowed: BOTH,
    before: () => [PROPOSE, { type: 'startBreakouts' }],
    command: { type: 'shareNotes', share: true },
  },
  backToMain: {
    allowed: BOTH,
    before: () => [PROPOSE, { type: 'startBreakouts' }],
    command: { type: 'backToMain' },
  },
  endBreakouts: {
    allowed: ['facilitator'],
    before: () => [PROPOSE, { type: 'startBreakouts' }],
    command: { type: 'endBreakouts' },
  },
  consentToObservation: {
    allowed: BOTH,
    before: () => [],
    command: { type: 'consentToObservation', consent: true },
  },
  askObservationConsent: {
    allowed: ['facilitator'],
    before: () => [],
    command: { type: 'askObservationConsent', ask: true },
  },
  setObserver: {
    allowed: ['facilitator'],
    before: () => [],
    command: (ids) => ({ type: 'setObserver', userId: ids.participant }),
  },
  setHandOrder: {
    allowed: ['facilitator'],
    before: () => [],
    command: { type: 'setHandOrder', order: 'leastHeard' },
  },
  end: { allowed: ['facilitator'], before: () => [], command: { type: 'end' } },
  // The call: each person's own place in it, mute and camera; nobody acts for another.
  callJoin: { allowed: BOTH, before: () => [], command: { type: 'callJoin', camera: false } },
  callLeave: { allowed: BOTH, before: () => [], command: { type: 'callLeave' } },
  // Only for someone in the call, whatever their role (the domain's tests cover the rest).
  callMedia: {
    allowed: [],
    refusal: 'not_in_call',
    before: () => [],
    command: { type: 'callMedia', muted: true, camera: false, lowBandwidth: false },
  },
  heard: {
    allowed: [],
    refusal: 'not_in_call',
    before: () => [],
    command: { type: 'heard', totalMs: 1_000 },
  },
  // Recording: asked by someone in the call, answered and stopped by anyone present while it
  // is asked or runs (the domain's tests cover the round).
  recordAsk: {
    allowed: [],
    refusal: 'not_in_call',
    before: () => [],
    command: { type: 'recordAsk' },
  },
  recordAnswer: {
    allowed: [],
    refusal: 'not_recording',
    before: () => [],
    command: { type: 'recordAnswer', agree: true },
  },
  recordStop: {
    allowed: [],
    refusal: 'not_recording',
    before: () => [],
    command: { type: 'recordStop' },
  },
};

describe('every live command has a row', () => {
  it('names each command the protocol accepts', () => {
    const types = liveCommand.options.map((o) => o.shape.type.value);
    expect(types.filter((type) => !(type in COMMANDS))).toEqual([]);
    expect(Object.keys(COMMANDS).filter((k) => !types.includes(k as CommandType))).toEqual([]);
  });
});

const open: LiveClient[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

describe.each(Object.entries(COMMANDS))('live command %s', (_type, row) => {
  it.each(BOTH)('as the %s', async (role) => {
    const w = await (await World.create()).withMeeting(0.5);
    // The member is ready for nothing: the steward or the other member facilitates.
    const meeting = ok(await people.steward.get(`/api/meetings/${w.meetingId}`), 'meeting');
    const holderId = meeting.roles.find((r: { roleName: string }) => r.roleName === 'Facilitator')
      .holder.userId;
    const lead = holderId === people.steward.id ? people.steward : people.other;
    const connect = async (p: Person) => {
      const client = await connectLive(baseUrl, w.meetingId, p.cookie);
      open.push(client);
      await client.command({ type: 'join' });
      return client;
    };
    const participant = await connect(people.member);
    const facilitator = row.facilitatorAway ? null : await connect(lead);
    const ids = { facilitator: lead.id, participant: people.member.id };
    const command = typeof row.command === 'function' ? row.command(ids) : row.command;
    for (const command of row.before(ids)) {
      const ack = await facilitator?.command(command);
      expect(ack?.ok, JSON.stringify(ack)).toBe(true);
    }
    const actor = role === 'facilitator' ? (facilitator ?? participant) : participant;
    if (row.facilitatorAway && role === 'facilitator') {
      // Away, the facilitator comes back and takes their own role.
      const back = await connect(lead);
      const ack = await back.command(command);
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      return;
    }
    const ack = await actor.command(command);
    if (row.allowed.includes(role)) expect(ack.ok, JSON.stringify(ack)).toBe(true);
    else expect(ack).toMatchObject({ ok: false, refusal: row.refusal ?? 'not_facilitator' });
  });
});
