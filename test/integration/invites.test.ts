import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();

async function groupWithSteward(visibility = 'invite_only', sizeCap?: number) {
  const steward = await t.signUp('Steward');
  const group = (
    await steward.post('/api/groups', {
      name: 'Peer circle',
      visibility,
      ...(sizeCap ? { sizeCap } : {}),
    })
  ).json();
  return { steward, group };
}

describe('invitations', () => {
  it('takes a new person from the link, through sign-up, into the group', async () => {
    const { steward, group } = await groupWithSteward();
    const created = await steward.post(`/api/groups/${group.id}/invites`, { expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    const invite = created.json();
    expect(invite.url).toBe(`${t.deps.config.publicUrl}/invite/${invite.token}`);

    const preview = await t.anon.get(`/api/invites/${invite.token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      group: { id: group.id, name: 'Peer circle' },
      invitedBy: 'Steward',
      alreadyMember: false,
    });
    expect(preview.json().group).not.toHaveProperty('members');

    expect(
      (await t.anon.post(`/api/invites/${invite.token}/accept`, { confirm: true })).statusCode,
    ).toBe(401);
    const newcomer = await t.signUp('Newcomer');
    const accepted = await newcomer.post(`/api/invites/${invite.token}/accept`, { confirm: true });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: group.id, myRole: 'member' });
    const names = accepted.json().members.map((m: { displayName: string }) => m.displayName);
    expect(names.sort()).toEqual(['Newcomer', 'Steward']);
    const stewardView = (await steward.get(`/api/groups/${group.id}`)).json();
    expect(stewardView.members).toHaveLength(2);
    // Opening the link again is harmless.
    expect(
      (await newcomer.post(`/api/invites/${invite.token}/accept`, { confirm: true })).statusCode,
    ).toBe(200);
    expect((await newcomer.get(`/api/invites/${invite.token}`)).json().alreadyMember).toBe(true);
  });

  it('lets only stewards make, list and revoke invitations', async () => {
    const { steward, group } = await groupWithSteward('open');
    const member = await t.signUp('Member');
    await member.post(`/api/groups/${group.id}/join`, { confirm: true });
    expect((await member.post(`/api/groups/${group.id}/invites`, {})).statusCode).toBe(403);
    expect((await member.get(`/api/groups/${group.id}/invites`)).statusCode).toBe(403);

    const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
    const listed = (await steward.get(`/api/groups/${group.id}/invites`)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ id: invite.id, uses: 0, createdBy: 'Steward' }),
    ]);
    expect(listed[0]).not.toHaveProperty('token');

    expect((await member.delete(`/api/groups/${group.id}/invites/${invite.id}`)).statusCode).toBe(
      403,
    );
    expect((await steward.delete(`/api/groups/${group.id}/invites/${invite.id}`)).statusCode).toBe(
      204,
    );
    expect((await steward.get(`/api/groups/${group.id}/invites`)).json().items).toEqual([]);
    const revoked = await (await t.signUp('Late')).post(`/api/invites/${invite.token}/accept`, {
      confirm: true,
    });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().error.code).toBe('invite.revoked');
  });

  it('expires', async () => {
    const { steward, group } = await groupWithSteward();
    const invite = (
      await steward.post(`/api/groups/${group.id}/invites`, { expiresInDays: 1 })
    ).json();
    t.clock.advance(86_400_000 + 1);
    const late = await (await t.signUp('Late')).post(`/api/invites/${invite.token}/accept`, {
      confirm: true,
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('invite.expired');
    expect((await t.anon.get(`/api/invites/${invite.token}`)).statusCode).toBe(410);
    expect((await t.anon.get('/api/invites/not-a-real-token')).statusCode).toBe(404);
  });

  it('can be limited to a number of uses, and a full group does not use one up', async () => {
    const { steward, group } = await groupWithSteward('invite_only', 2);
    const once = (await steward.post(`/api/groups/${group.id}/invites`, { maxUses: 1 })).json();
    const first = await t.signUp('First');
    expect(
      (await first.post(`/api/invites/${once.token}/accept`, { confirm: true })).statusCode,
    ).toBe(200);
    const second = await t.signUp('Second');
    const usedUp = await second.post(`/api/invites/${once.token}/accept`, { confirm: true });
    expect(usedUp.statusCode).toBe(410);
    expect(usedUp.json().error.code).toBe('invite.used_up');

    const open = (await steward.post(`/api/groups/${group.id}/invites`, { maxUses: 5 })).json();
    const full = await second.post(`/api/invites/${open.token}/accept`, { confirm: true });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('group.full');
    const listed = (await steward.get(`/api/groups/${group.id}/invites`)).json().items;
    expect(listed.find((i: { id: string }) => i.id === open.id).uses).toBe(0);
  });

  it('holds the cap when many accept at once', async () => {
    const { steward, group } = await groupWithSteward('invite_only', 4);
    const invite = (await steward.post(`/api/groups/${group.id}/invites`, {})).json();
    const people = await Promise.all(Array.from({ length: 7 }, (_, i) => t.signUp(`P${i}`)));
    const results = await Promise.all(
      people.map((p) => p.post(`/api/invites/${invite.token}/accept`, { confirm: true })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
    expect((await steward.get(`/api/groups/${group.id}`)).json().memberCount).toBe(4);
  });

  it('mails an invitation for one person, and keeps who it went to', async () => {
    const { steward, group } = await groupWithSteward();
    const sent = await steward.post(`/api/groups/${group.id}/invites`, {
      email: '  Friend@Example.org ',
    });
    expect(sent.statusCode).toBe(201);
    const invite = sent.json();
    expect(invite).toMatchObject({ sentTo: 'friend@example.org', maxUses: 1 });
    const mail = await t.deps.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('to_address', '=', 'friend@example.org')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'invitation', user_id: null, status: 'pending' });
    expect(mail[0]?.subject).toBe('Steward invited you to Peer circle');
    expect(mail[0]?.text_body).toContain(invite.url);
    expect(mail[0]?.text_body).toMatch(/^Hello,/);
    expect(mail[0]?.text_body).toContain('we will not write to you again');
    expect(mail[0]?.text_body).not.toContain('email-preferences');
    const listed = (await steward.get(`/api/groups/${group.id}/invites`)).json().items;
    expect(listed[0]).toMatchObject({ id: invite.id, sentTo: 'friend@example.org' });

    // Bound to the address it was mailed to: someone else holding the link cannot use it.
    const stranger = await t.signUp('Stranger');
    const preview = (await stranger.get(`/api/invites/${invite.token}`)).json();
    expect(preview.sentTo).toEqual({ hint: 'f•••••@e••••••.org', isYou: false });
    expect(JSON.stringify(preview)).not.toContain('friend@example.org');
    const refused = await stranger.post(`/api/invites/${invite.token}/accept`, { confirm: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('invite.other_address');
    expect((await t.anon.get(`/api/invites/${invite.token}`)).json().sentTo.isYou).toBeNull();

    const friend = await t.signUp('Friend', { email: 'FRIEND@example.org' });
    expect((await friend.get(`/api/invites/${invite.token}`)).json().sentTo.isYou).toBe(true);
    expect(
      (await friend.post(`/api/invites/${invite.token}/accept`, { confirm: true })).statusCode,
    ).toBe(200);
    const other = await t.signUp('Other');
    expect(
      (await other.post(`/api/invites/${invite.token}/accept`, { confirm: true })).statusCode,
    ).toBe(410);

    const bad = await steward.post(`/api/groups/${group.id}/invites`, { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.email).toBeTruthy();
  });

  it('limits how many invitations one person mails at a time', async () => {
    const { steward, group } = await groupWithSteward();
    const codes: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const r = await steward.post(`/api/groups/${group.id}/invites`, {
        email: `person${i}@example.org`,
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes[20]).toBe(429);
    // Plain links are not limited by this.
    expect((await steward.post(`/api/groups/${group.id}/invites`, {})).statusCode).toBe(201);
  });

  it('refuses bad expiry choices with the field named', async () => {
    const { steward, group } = await groupWithSteward();
    const response = await steward.post(`/api/groups/${group.id}/invites`, { expiresInDays: 90 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.expiresInDays).toBeTruthy();
  });
});
