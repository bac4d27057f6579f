import { describe, expect, it } from 'vitest';
import type { SpaceMessage } from '../../core/protocol/live';
import { listReaders } from '../../server/db/queries/space';
import { spacePolicy } from '../../server/policies/space';
import { queueSpaceDigests } from '../../server/services/space/queueSpaceDigests';
import { connectSpace, type SpaceClient } from '../helpers/liveClient';
import { type Client, createTestApp } from '../helpers/testApp';

// Each test makes a circle of seven people: sign-ups from one address are not limited here.
const t = await createTestApp({ env: { RATE_LIMIT_SIGNUP_PER_IP: '10000' } });

type Person = Client & { id: string; email: string };

/** A group with a steward, a member, one person in each staff role, and an outsider. */
async function circle() {
  const steward = await t.signUp('Stella');
  const group = (
    await steward.post('/api/groups', { name: 'Carers circle', visibility: 'invite_only' })
  ).json();
  const invite = async (role: string) =>
    (await steward.post(`/api/groups/${group.id}/invites`, { role, maxUses: 1 })).json();
  const member = await t.signUp('Mo');
  const memberInvite = await invite('member');
  expect(
    (await member.post(`/api/invites/${memberInvite.token}/accept`, { confirm: true })).statusCode,
  ).toBe(200);
  const staff: Record<string, Person> = {};
  for (const role of ['facilitator', 'coordinator', 'observer']) {
    const person = await t.signUp(`Staff ${role}`);
    const made = await invite(role);
    expect(made.role).toBe(role);
    expect((await person.get(`/api/invites/${made.token}`)).json().role).toBe(role);
    const accepted = await person.post(`/api/invites/${made.token}/accept`, { confirm: true });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ myRole: null, staffRole: role, members: null });
    staff[role] = person;
  }
  const outsider = await t.signUp('Otto');
  return {
    group,
    steward,
    member,
    facilitator: staff.facilitator as Person,
    coordinator: staff.coordinator as Person,
    observer: staff.observer as Person,
    outsider,
  };
}

async function start(
  who: Client,
  groupId: string,
  extra: Partial<{
    space: string;
    kind: string;
    wants: string;
    title: string;
    body: string;
    contentNote: string;
  }> = {},
) {
  const made = await who.post(`/api/groups/${groupId}/space/threads`, {
    space: 'everyone',
    kind: 'share',
    wants: 'listening',
    title: 'A hard week',
    body: 'My mother did not know me on Tuesday.',
    ...extra,
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json() as { threadId: string; postId: string };
}

describe('the members’ space', () => {
  it('keeps the members-only space from every staff role, over every way in', async () => {
    const c = await circle();
    const peers = await start(c.member, c.group.id, {
      space: 'peers',
      title: 'Only us',
      body: 'Something about the facilitator marmalade',
    });
    const open = await start(c.member, c.group.id, {
      title: 'Open to all',
      body: 'Something for everyone marmalade',
    });
    await c.steward.post(`/api/space/threads/${peers.threadId}/replies`, {
      body: 'Reply in peers',
    });

    const cases: [string, Client, { everyone: boolean; peers: boolean }][] = [
      ['signed out', t.anon, { everyone: false, peers: false }],
      ['outsider', c.outsider, { everyone: false, peers: false }],
      ['observer', c.observer, { everyone: true, peers: false }],
      ['coordinator', c.coordinator, { everyone: true, peers: false }],
      ['facilitator', c.facilitator, { everyone: true, peers: false }],
      ['member', c.member, { everyone: true, peers: true }],
      ['steward', c.steward, { everyone: true, peers: true }],
    ];
    for (const [who, client, may] of cases) {
      const status = (ok: boolean) => (ok ? 200 : client === t.anon ? 401 : 404);
      for (const [space, thread] of [
        ['everyone', open],
        ['peers', peers],
      ] as const) {
        const ok = may[space];
        expect(
          (await client.get(`/api/space/threads/${thread.threadId}`)).statusCode,
          `${who} ${space}`,
        ).toBe(status(ok));
        expect((await client.get(`/api/space/threads/${thread.threadId}/posts`)).statusCode).toBe(
          status(ok),
        );
        expect(
          (await client.get(`/api/groups/${c.group.id}/space?space=${space}`)).statusCode,
        ).toBe(status(ok));
        expect(
          (await client.post(`/api/space/posts/${thread.postId}/reports`, { reason: 'harm' }))
            .statusCode,
        ).toBe(ok ? 201 : status(false));
      }
      // Search finds only what the person may read.
      const search = await client.get(`/api/groups/${c.group.id}/space/search?q=marmalade`);
      if (!may.everyone) {
        expect(search.statusCode).toBe(client === t.anon ? 401 : 404);
      } else {
        const titles = search
          .json()
          .items.map((i: { title: string }) => i.title)
          .sort();
        expect(titles, who).toEqual(may.peers ? ['Only us', 'Open to all'] : ['Open to all']);
      }
    }

    // Notices: the steward's reply reached the member (who wrote in the thread) and nobody else.
    const notices = async (who: Client) =>
      (await who.get('/api/me/notifications'))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'space.reply');
    expect(await notices(c.member)).toHaveLength(1);
    for (const who of [c.facilitator, c.coordinator, c.observer])
      expect(await notices(who)).toEqual([]);

    // Export: a staff member's download has nothing from the members-only space.
    await c.facilitator.post(`/api/space/threads/${open.threadId}/replies`, {
      body: 'Facilitator here',
    });
    const exported = await c.facilitator.get('/api/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.includes(Buffer.from('Only us'))).toBe(false);

    // Writing: observers only read; facilitators and coordinators write in the shared space.
    expect(
      (await c.observer.post(`/api/space/threads/${open.threadId}/replies`, { body: 'hi' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await c.coordinator.post(`/api/space/threads/${open.threadId}/replies`, { body: 'hi' }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await c.facilitator.post(`/api/groups/${c.group.id}/space/threads`, {
          space: 'peers',
          kind: 'share',
          wants: 'ideas',
          title: 'x',
          body: 'y',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('agrees, in SQL, with the policy on who reads each space', async () => {
    const c = await circle();
    const roles = {
      [c.steward.id]: 'steward',
      [c.member.id]: 'member',
      [c.facilitator.id]: 'facilitator',
      [c.coordinator.id]: 'coordinator',
      [c.observer.id]: 'observer',
      [c.outsider.id]: 'non_member',
    } as const;
    for (const space of ['everyone', 'peers'] as const) {
      const readers = new Set(await listReaders(t.deps.db, c.group.id, space));
      for (const [userId, role] of Object.entries(roles)) {
        const policy = spacePolicy.read(role, {
          visibility: 'invite_only',
          stage: 'forming',
          space,
        });
        expect(readers.has(userId), `${role} ${space}`).toBe(policy);
      }
    }
  });

  it('asks a question, replies with a quote, marks what helped, and shows it answered', async () => {
    const c = await circle();
    const q = await start(c.member, c.group.id, {
      kind: 'question',
      wants: 'ideas',
      title: 'Sleep?',
      body: 'How do you all get any sleep?',
    });
    const first = (
      await c.steward.post(`/api/space/threads/${q.threadId}/replies`, {
        body: 'A warm bath, **honestly**.',
      })
    ).json();
    const second = await c.facilitator.post(`/api/space/threads/${q.threadId}/replies`, {
      body: 'Same as Stella said',
      quoteId: first.postId,
    });
    expect(second.statusCode).toBe(201);
    // Only the asker marks what helped, and only a reply.
    expect(
      (await c.steward.put(`/api/space/posts/${first.postId}/helped`, { helped: true })).statusCode,
    ).toBe(403);
    expect(
      (await c.member.put(`/api/space/posts/${q.postId}/helped`, { helped: true })).statusCode,
    ).toBe(409);
    expect(
      (await c.member.put(`/api/space/posts/${first.postId}/helped`, { helped: true })).statusCode,
    ).toBe(204);
    const thread = (await c.member.get(`/api/space/threads/${q.threadId}`)).json();
    expect(thread.thread).toMatchObject({
      kind: 'question',
      answered: true,
      replies: 2,
      lastSeq: 3,
    });
    expect(thread.posts.map((p: { seq: number }) => p.seq)).toEqual([1, 2, 3]);
    expect(thread.posts[1]).toMatchObject({
      helped: true,
      html: '<p>A warm bath, <strong>honestly</strong>.</p>\n',
    });
    expect(thread.posts[2].quote).toMatchObject({
      id: first.postId,
      authorName: 'Stella',
      excerpt: 'A warm bath, honestly.',
    });
    // A quote from another thread is refused.
    const other = await start(c.member, c.group.id);
    expect(
      (
        await c.steward.post(`/api/space/threads/${other.threadId}/replies`, {
          body: 'x',
          quoteId: first.postId,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps each reader’s place, counts unread, and follows each thread’s own volume', async () => {
    const c = await circle();
    const s = await start(c.member, c.group.id);
    const page = async (who: Client) => (await who.get(`/api/groups/${c.group.id}/space`)).json();
    expect((await page(c.steward)).unread.everyone).toBe(1);
    expect((await page(c.member)).unread.everyone).toBe(0);
    expect((await page(c.facilitator)).unread.peers).toBeNull();
    await c.steward.post(`/api/space/threads/${s.threadId}/replies`, { body: 'Thinking of you.' });
    await c.coordinator.post(`/api/space/threads/${s.threadId}/replies`, { body: 'Here too.' });
    expect((await page(c.member)).unread.everyone).toBe(2);
    expect((await page(c.member)).threads[0]).toMatchObject({ unread: 2, replies: 2 });
    // The place only moves forward, and never past the end.
    expect(
      (await c.member.put(`/api/space/threads/${s.threadId}/read`, { seq: 99 })).json(),
    ).toEqual({ readSeq: 3 });
    expect(
      (await c.member.put(`/api/space/threads/${s.threadId}/read`, { seq: 1 })).json(),
    ).toEqual({ readSeq: 3 });
    expect((await page(c.member)).unread.everyone).toBe(0);

    // Normal: the author hears of replies; mute: nothing, anywhere; all: every post.
    const replies = async (who: Client) =>
      (await who.get('/api/me/notifications'))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'space.reply').length;
    // Two replies, one unread notice: a busy thread does not pile them up.
    expect(await replies(c.member)).toBe(1);
    expect(await replies(c.observer)).toBe(0);
    await c.member.put(`/api/space/threads/${s.threadId}/volume`, { volume: 'mute' });
    await c.observer.put(`/api/space/threads/${s.threadId}/volume`, { volume: 'all' });
    await c.steward.post(`/api/space/threads/${s.threadId}/replies`, { body: 'Again.' });
    expect(await replies(c.member)).toBe(1);
    expect(await replies(c.observer)).toBe(1);
    expect((await page(c.member)).unread.everyone).toBe(0);
    expect((await page(c.member)).threads[0]).toMatchObject({ volume: 'mute', unread: 0 });
  });

  it('edits with a history only the author sees, and deletes keeping the place', async () => {
    const c = await circle();
    const s = await start(c.member, c.group.id, { body: 'First words' });
    expect(
      (await c.steward.patch(`/api/space/posts/${s.postId}`, { body: 'Not mine' })).statusCode,
    ).toBe(403);
    expect(
      (
        await c.member.patch(`/api/space/posts/${s.postId}`, {
          body: 'Second words',
          title: 'New title',
        })
      ).statusCode,
    ).toBe(204);
    const seen = (await c.steward.get(`/api/space/threads/${s.threadId}`)).json();
    expect(seen.thread.title).toBe('New title');
    expect(seen.posts[0]).toMatchObject({ html: '<p>Second words</p>\n', source: null });
    expect(seen.posts[0].editedAt).not.toBeNull();
    // Search finds the words as they are now, not as they were.
    const search = (q: string) => c.steward.get(`/api/groups/${c.group.id}/space/search?q=${q}`);
    expect((await search('First')).json().items).toEqual([]);
    expect((await search('Second')).json().items).toHaveLength(1);
    const history = await c.member.get(`/api/space/posts/${s.postId}/history`);
    expect(history.json().items.map((i: { body: string }) => i.body)).toEqual(['First words']);
    expect((await c.steward.get(`/api/space/posts/${s.postId}/history`)).statusCode).toBe(403);

    expect((await c.member.delete(`/api/space/posts/${s.postId}`)).statusCode).toBe(204);
    expect((await c.member.delete(`/api/space/posts/${s.postId}`)).statusCode).toBe(204);
    const after = (await c.steward.get(`/api/space/threads/${s.threadId}`)).json();
    expect(after.posts[0]).toMatchObject({ deleted: true, html: null, authorName: 'Mo' });
    expect((await c.member.get(`/api/space/posts/${s.postId}/history`)).json().items).toEqual([]);
    expect(
      (await c.steward.get(`/api/groups/${c.group.id}/space/search?q=Second`)).json().items,
    ).toEqual([]);
    expect(
      (await c.member.patch(`/api/space/posts/${s.postId}`, { body: 'Back' })).statusCode,
    ).toBe(409);
  });

  it('sends warm responses as names, never a count', async () => {
    const c = await circle();
    const s = await start(c.member, c.group.id);
    for (const who of [c.steward, c.facilitator]) {
      expect(
        (
          await who.put(`/api/space/posts/${s.postId}/warmth`, {
            kind: 'thinking_of_you',
            on: true,
          })
        ).statusCode,
      ).toBe(204);
    }
    await c.steward.put(`/api/space/posts/${s.postId}/warmth`, {
      kind: 'thinking_of_you',
      on: true,
    });
    expect(
      (await c.observer.put(`/api/space/posts/${s.postId}/warmth`, { kind: 'same_here', on: true }))
        .statusCode,
    ).toBe(403);
    const post = (await c.steward.get(`/api/space/threads/${s.threadId}`)).json().posts[0];
    expect(post.warmth).toHaveLength(1);
    expect(post.warmth[0]).toMatchObject({ kind: 'thinking_of_you', mine: true });
    expect(post.warmth[0].names.sort()).toEqual(['Staff facilitator', 'Stella']);
    await c.steward.put(`/api/space/posts/${s.postId}/warmth`, {
      kind: 'thinking_of_you',
      on: false,
    });
    const later = (await c.member.get(`/api/space/threads/${s.threadId}`)).json().posts[0];
    expect(later.warmth).toEqual([
      { kind: 'thinking_of_you', names: ['Staff facilitator'], mine: false },
    ]);
  });

  it('reports to the stewards, who hide with a note; the author asks for a second look; all in the record', async () => {
    const c = await circle();
    // The group's agreement, to name an item of it.
    const proposed = await c.steward.post(`/api/groups/${c.group.id}/agreement/proposals`, {
      change: {
        kind: 'adopt',
        items: [{ title: 'No advice unless asked', text: 'We listen first.' }],
      },
      reason: 'To start',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    await c.member.put(
      `/api/groups/${c.group.id}/agreement/proposals/${proposed.json().id}/response`,
      {
        response: 'agree',
      },
    );
    await c.steward.put(
      `/api/groups/${c.group.id}/agreement/proposals/${proposed.json().id}/response`,
      {
        response: 'agree',
      },
    );
    const agreement = (await c.member.get(`/api/groups/${c.group.id}/agreement`)).json();
    const itemId = agreement.current?.items?.[0]?.id;
    expect(itemId, JSON.stringify(agreement)).toBeTruthy();

    const s = await start(c.steward, c.group.id);
    const advice = (
      await c.facilitator.post(`/api/space/threads/${s.threadId}/replies`, {
        body: 'You should just move on.',
      })
    ).json();
    expect(
      (await c.member.post(`/api/space/posts/${advice.postId}/reports`, { reason: 'agreement' }))
        .statusCode,
    ).toBe(400);
    const report = await c.member.post(`/api/space/posts/${advice.postId}/reports`, {
      reason: 'agreement',
      agreementItem: itemId,
      note: 'She asked to be heard.',
    });
    expect(report.statusCode).toBe(201);
    expect((await c.member.get(`/api/groups/${c.group.id}/space/reports`)).statusCode).toBe(403);
    const list = (await c.steward.get(`/api/groups/${c.group.id}/space/reports`)).json();
    expect(list.reports).toHaveLength(1);
    expect(list.reports[0]).toMatchObject({
      reason: 'agreement',
      agreementItem: { title: 'No advice unless asked' },
      post: { authorName: 'Staff facilitator', hidden: false },
    });
    expect(JSON.stringify(list)).not.toContain('Mo');
    expect((await c.steward.get(`/api/groups/${c.group.id}/space`)).json().openReports).toBe(1);

    const settle = () =>
      c.steward.post(`/api/space/reports/${list.reports[0].id}/settle`, {
        outcome: 'hide',
        note: 'Please listen first.',
      });
    expect((await settle()).statusCode).toBe(204);
    expect((await settle()).statusCode).toBe(204);
    const asMember = (await c.member.get(`/api/space/threads/${s.threadId}`)).json().posts[1];
    expect(asMember).toMatchObject({ html: null, hidden: { note: null } });
    const asAuthor = (await c.facilitator.get(`/api/space/threads/${s.threadId}`)).json().posts[1];
    expect(asAuthor).toMatchObject({
      hidden: { note: 'Please listen first.', secondLookAsked: false },
    });
    expect(asAuthor.html).toContain('move on');
    expect((await c.facilitator.get('/api/me/notifications')).json().items[0].kind).toBe(
      'space.moderated',
    );

    expect(
      (
        await c.facilitator.post(`/api/space/posts/${advice.postId}/second-look`, {
          note: 'I meant well',
        })
      ).statusCode,
    ).toBe(204);
    const looks = (await c.steward.get(`/api/groups/${c.group.id}/space/reports`)).json();
    expect(looks.reports).toEqual([]);
    expect(looks.secondLooks[0]).toMatchObject({
      note: 'I meant well',
      hiddenNote: 'Please listen first.',
    });
    expect(
      (await c.steward.put(`/api/space/posts/${advice.postId}/hidden`, { show: true })).statusCode,
    ).toBe(204);
    expect((await c.member.get(`/api/space/threads/${s.threadId}`)).json().posts[1].html).toContain(
      'move on',
    );

    const record = (await c.member.get(`/api/groups/${c.group.id}/record`)).json();
    const actions = record.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'space.post_hidden',
        'space.second_look',
        'space.post_shown',
        'staff.added',
      ]),
    );
  });

  it('searches safely whatever is typed', async () => {
    const c = await circle();
    await start(c.member, c.group.id, {
      title: 'Café evenings',
      body: 'We met at the café near the station',
    });
    for (const q of [
      'café',
      'station',
      'STATION near',
      '"unbalanced',
      'NEAR(a b)',
      '*',
      'a OR b',
      "'; drop table users; --",
    ]) {
      const found = await c.steward.get(
        `/api/groups/${c.group.id}/space/search?q=${encodeURIComponent(q)}`,
      );
      expect(found.statusCode, q).toBe(200);
    }
    const hits = (
      await c.steward.get(`/api/groups/${c.group.id}/space/search?q=station%20caf`)
    ).json().items;
    expect(hits.map((h: { title: string }) => h.title)).toEqual(['Café evenings']);
    expect((await c.steward.get(`/api/groups/${c.group.id}/space/search?q=`)).statusCode).toBe(400);
  });

  it('lets stewards add to the language list, and lets staff step away', async () => {
    const c = await circle();
    const add = {
      problem: 'frequent flyer',
      suggestion: 'someone who comes often',
      why: 'It mocks.',
    };
    expect((await c.member.post(`/api/groups/${c.group.id}/space/language`, add)).statusCode).toBe(
      403,
    );
    const added = await c.steward.post(`/api/groups/${c.group.id}/space/language`, add);
    expect(added.statusCode).toBe(200);
    await c.steward.post(`/api/groups/${c.group.id}/space/language`, add);
    const list = (await c.observer.get(`/api/groups/${c.group.id}/space/language`)).json();
    expect(list.entries).toHaveLength(1);
    const removed = await c.steward.delete(
      `/api/groups/${c.group.id}/space/language/${list.entries[0].id}`,
    );
    expect(removed.json().entries).toEqual([]);

    expect(
      (await c.member.delete(`/api/groups/${c.group.id}/staff/${c.observer.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await c.observer.delete(`/api/groups/${c.group.id}/staff/${c.observer.id}`)).statusCode,
    ).toBe(204);
    expect((await c.observer.get(`/api/groups/${c.group.id}/space`)).statusCode).toBe(404);
    expect(
      (await c.steward.delete(`/api/groups/${c.group.id}/staff/${c.coordinator.id}`)).statusCode,
    ).toBe(204);
    const group = (await c.member.get(`/api/groups/${c.group.id}`)).json();
    expect(group.staff.map((s: { role: string }) => s.role)).toEqual(['facilitator']);
    expect(group.memberCount).toBe(2);
  });
});

describe('the space, live', () => {
  it('tells each open page of a new post in a space it may read, and closes a page whose person left', async () => {
    const c = await circle();
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const opened = await Promise.all(
      [c.member, c.steward, c.facilitator].map((p) => connectSpace(base, c.group.id, p.cookie)),
    );
    const [member, steward, facilitator] = opened as [SpaceClient, SpaceClient, SpaceClient];
    await expect(connectSpace(base, c.group.id, c.outsider.cookie)).rejects.toThrow('404');
    await expect(
      connectSpace(base, c.group.id, c.member.cookie, 'https://evil.example'),
    ).rejects.toThrow('403');

    const peers = await start(c.steward, c.group.id, { space: 'peers' });
    const isPeers = (m: SpaceMessage) => m.type === 'thread' && m.threadId === peers.threadId;
    await member.waitFor(isPeers);
    await steward.waitFor(isPeers);
    const shared = await start(c.member, c.group.id);
    await facilitator.waitFor((m) => m.type === 'thread' && m.threadId === shared.threadId);
    // The facilitator heard of the shared thread, never of the members-only one.
    expect(facilitator.messages.some(isPeers)).toBe(false);

    // The member leaves: their page is closed with the code for access that ended.
    expect(
      (await c.member.delete(`/api/groups/${c.group.id}/members/${c.member.id}`)).statusCode,
    ).toBe(204);
    expect(await member.closed).toMatchObject({ code: 4003 });
    await Promise.all([steward.close(), facilitator.close()]);
  });
});

describe('the space’s digest', () => {
  it('goes to people who have been away, names the shared space’s threads, and only counts the members-only space', async () => {
    const c = await circle();
    await start(c.steward, c.group.id, { title: 'Shared news', body: 'Everyone can read this.' });
    await start(c.steward, c.group.id, {
      space: 'peers',
      title: 'A private worry',
      body: 'Only the members should ever read this sentence.',
    });
    // The member looked a moment ago; the facilitator never did.
    t.clock.advance(60_000);
    await c.member.put('/api/me/email-preferences', {
      reminders: [],
      roles: true,
      changes: true,
      proposals: true,
      spaceDigest: 'daily',
    });
    expect((await c.member.get('/api/me/email-preferences')).json().preferences.spaceDigest).toBe(
      'daily',
    );
    await queueSpaceDigests(t.deps);
    const mail = await t.deps.db
      .selectFrom('email_outbox')
      .select(['to_address', 'kind', 'subject', 'text_body', 'html_body', 'group_id'])
      .where('kind', '=', 'space.digest')
      .execute();
    const to = (who: { email: string }) => mail.filter((m) => m.to_address === who.email);
    const memberMail = to(c.member);
    expect(memberMail).toHaveLength(1);
    expect(memberMail[0]?.group_id).toBe(c.group.id);
    expect(memberMail[0]?.text_body).toContain('“Shared news”');
    expect(memberMail[0]?.text_body).toContain('1 new post in the members-only space');
    for (const m of mail) {
      expect(m.text_body).not.toContain('private worry');
      expect(m.text_body).not.toContain('Only the members');
      expect(m.html_body).not.toContain('private worry');
    }
    expect(to(c.facilitator)[0]?.text_body).not.toContain('members-only');
    // The steward wrote both: nothing new for them. Running again sends nothing more.
    expect(to(c.steward)).toEqual([]);
    await queueSpaceDigests(t.deps);
    const again = await t.deps.db
      .selectFrom('email_outbox')
      .select('id')
      .where('kind', '=', 'space.digest')
      .execute();
    expect(again).toHaveLength(mail.length);

    // A day on, someone who visited since has no digest; someone who did not, has one.
    await start(c.steward, c.group.id, { title: 'Tuesday', body: 'See you Tuesday.' });
    t.clock.advance(86_400_000 + 1000);
    const threads = (await c.member.get(`/api/groups/${c.group.id}/space`)).json().threads;
    for (const th of threads) await c.member.put(`/api/space/threads/${th.id}/read`, { seq: 99 });
    await queueSpaceDigests(t.deps);
    const later = await t.deps.db
      .selectFrom('email_outbox')
      .select(['to_address'])
      .where('kind', '=', 'space.digest')
      .execute();
    expect(later.filter((m) => m.to_address === c.member.email)).toHaveLength(1);
  });
});
