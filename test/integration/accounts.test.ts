/**
 * Accounts people can trust: recovering one by mail, confirming an address, signing up
 * without telling strangers who is here, not being locked out by someone else, and changing
 * one's own name, address and password.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../server/mail/queueMail';
import { connectLive } from '../helpers/liveClient';
import { oneOnlineMeeting } from '../helpers/oneMeeting';
import { SoftAuthenticator as SoftAuthenticatorClass } from '../helpers/softAuthenticator';
import { type Client, createTestApp, PASSWORD, type TestApp } from '../helpers/testApp';

/** Hearth without mail (the embedded default) and Hearth with an SMTP server set. */
const t = await createTestApp({ env: { RATE_LIMIT_LOGIN_PER_ACCOUNT: '4' } });
const m = await createTestApp({
  env: { SMTP_URL: 'smtp://127.0.0.1:1', ADMIN_EMAILS: 'admin.mail@example.org' },
});
afterAll(async () => {
  await t.close();
  await m.close();
});

const HOUR = 3_600_000;

async function mailTo(app: TestApp, email: string) {
  await app.deps.later.settle();
  return app.deps.db
    .selectFrom('email_outbox')
    .select(['kind', 'subject', 'text_body', 'status'])
    .where('to_address', '=', email)
    .orderBy('id')
    .execute();
}

async function sessionCount(app: TestApp, userId: string): Promise<number> {
  const rows = await app.deps.db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .execute();
  return rows.length;
}

async function signInAs(app: TestApp, email: string, password = PASSWORD): Promise<Client> {
  const c = app.newClient();
  const r = await c.post('/api/auth/login', { email, password });
  if (r.statusCode !== 200) throw new Error(`sign-in failed: ${r.body}`);
  return c;
}

describe('choosing a new password by mail', () => {
  it('answers the same whether or not the address has an account', async () => {
    const person = await t.signUp('Rowan');
    const known = await t.anon.post('/api/auth/forgot', { email: person.email });
    const unknown = await t.anon.post('/api/auth/forgot', { email: 'nobody.here@example.org' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json())).toEqual(Object.keys(unknown.json()));
    expect(await mailTo(t, 'nobody.here@example.org')).toEqual([]);
    const mail = (await mailTo(t, person.email)).filter((x) => x.kind === 'account.reset');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);
    // Only the hash is stored.
    const token = await t.mailedLink(person.email, 'reset-password');
    const stored = await t.deps.db.selectFrom('account_tokens').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
  });

  it('works once, signs in, ends every other session and mails a notice', async () => {
    const person = await t.signUp('Sage');
    await signInAs(t, person.email);
    expect(await sessionCount(t, person.id)).toBe(2);
    await t.anon.post('/api/auth/forgot', { email: person.email });
    const token = await t.mailedLink(person.email, 'reset-password');
    const browser = t.newClient();
    const reset = await browser.post('/api/auth/reset', { token, password: 'a brand new phrase' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ email: person.email });
    expect(await sessionCount(t, person.id)).toBe(1);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    expect((await person.get('/api/me')).statusCode).toBe(401);
    expect((await mailTo(t, person.email)).map((x) => x.kind)).toContain(
      'account.password_changed',
    );
    await signInAs(t, person.email, 'a brand new phrase');
    // Used once: the same link again is refused.
    const again = await t.anon.post('/api/auth/reset', { token, password: 'another phrase here' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('auth.link_invalid');
  });

  it('refuses an expired link, an older link after a newer one, and a link of another kind', async () => {
    const person = await t.signUp('Ash', { confirmed: false });
    await t.anon.post('/api/auth/forgot', { email: person.email });
    const older = await t.mailedLink(person.email, 'reset-password');
    await t.anon.post('/api/auth/forgot', { email: person.email });
    const newer = await t.mailedLink(person.email, 'reset-password');
    expect(newer).not.toBe(older);
    const verify = await t.mailedLink(person.email, 'verify-email');
    const tryReset = (token: string) =>
      t.anon.post('/api/auth/reset', { token, password: 'a brand new phrase' });
    expect((await tryReset(older)).statusCode).toBe(410);
    expect((await tryReset(verify)).statusCode).toBe(410);
    // A reset link is not a confirmation link either.
    expect((await t.anon.post('/api/auth/verify', { token: newer })).statusCode).toBe(410);
    t.clock.advance(HOUR + 1000);
    expect((await tryReset(newer)).statusCode).toBe(410);
    // A link that is not one at all is a bad request, not a server error.
    for (const token of ['short', `${'a'.repeat(42)}\u0000`, 'x'.repeat(5000), '<script>']) {
      const r = await tryReset(token);
      expect(r.statusCode).toBe(400);
    }
  });

  it('makes one new password when the same link is used twice at once', async () => {
    const person = await t.signUp('Wren');
    await t.anon.post('/api/auth/forgot', { email: person.email });
    const token = await t.mailedLink(person.email, 'reset-password');
    const results = await Promise.all([
      t.anon.post('/api/auth/reset', { token, password: 'first new phrase' }),
      t.anon.post('/api/auth/reset', { token, password: 'second new phrase' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
  });
});

describe('confirming an address', () => {
  it('keeps everything but account mail waiting until the address is confirmed', async () => {
    const person = await t.signUp('Linden', { confirmed: false });
    expect((await person.get('/api/me')).json().emailConfirmed).toBe(false);
    await queueMail(t.deps.db, {
      publicUrl: t.deps.config.publicUrl,
      to: [{ userId: person.id, email: person.email, displayName: 'Linden' }],
      kind: 'meeting.reminder',
      at: t.clock.now.toISOString(),
      write: () => ({ subject: 'Reminder', text: 'Reminder', html: '<p>Reminder</p>' }),
    });
    const before = await mailTo(t, person.email);
    expect(before.find((x) => x.kind === 'meeting.reminder')?.status).toBe('waiting');
    expect(before.find((x) => x.kind === 'account.verify')?.status).toBe('pending');

    const token = await t.mailedLink(person.email, 'verify-email');
    const browser = t.newClient();
    const confirmed = await browser.post('/api/auth/verify', { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().emailConfirmed).toBe(true);
    expect((await person.get('/api/me')).json().emailConfirmed).toBe(true);
    const after = await mailTo(t, person.email);
    expect(after.find((x) => x.kind === 'meeting.reminder')?.status).toBe('pending');
    expect((await person.post('/api/me/email/confirmation')).statusCode).toBe(409);
  });

  it('counts an invitation mailed to the address, and used, as confirming it', async () => {
    const steward = await t.signUp('Inviter');
    const person = await t.signUp('Invitee', { confirmed: false });
    const group = (
      await steward.post('/api/groups', { name: 'Invited', visibility: 'open' })
    ).json();
    await steward.post(`/api/groups/${group.id}/invites`, { email: person.email });
    const token = await t.mailedLink(person.email, 'invite');
    expect((await person.post(`/api/invites/${token}/accept`, { confirm: true })).statusCode).toBe(
      200,
    );
    expect((await person.get('/api/me')).json().emailConfirmed).toBe(true);
  });

  it('sends the confirmation again on request; only the newest link works', async () => {
    const person = await t.signUp('Birch', { confirmed: false });
    const first = await t.mailedLink(person.email, 'verify-email');
    const again = await person.post('/api/me/email/confirmation');
    expect(again.statusCode).toBe(202);
    const second = await t.mailedLink(person.email, 'verify-email');
    expect((await t.anon.post('/api/auth/verify', { token: first })).statusCode).toBe(410);
    expect((await t.anon.post('/api/auth/verify', { token: second })).statusCode).toBe(200);
  });

  it('counts an account from before confirmation as confirmed once a mailed link is used', async () => {
    const person = await t.signUp('Elder', { confirmed: false });
    await t.deps.db
      .updateTable('users')
      .set({ email_trusted: 1 })
      .where('id', '=', person.id)
      .execute();
    const preferences = await t.deps.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(preferences.email_verified_at).toBeNull();
    await t.anon.post('/api/auth/forgot', { email: person.email });
    const token = await t.mailedLink(person.email, 'reset-password');
    await t.anon.post('/api/auth/reset', { token, password: 'a brand new phrase' });
    const after = await t.deps.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(after.email_verified_at).not.toBeNull();
  });
});

describe('signing up where Hearth sends mail', () => {
  const body = (email: string) => ({ email, password: PASSWORD, displayName: 'Someone' });

  it('answers the same for a new address and one with an account', async () => {
    const fresh = await m.anon.post('/api/auth/signup', body('fresh.one@example.org'));
    const again = await m.anon.post('/api/auth/signup', body('fresh.one@example.org'));
    expect(fresh.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(fresh.json()).toEqual({ checkInbox: true, email: 'fresh.one@example.org' });
    expect(again.json()).toEqual(fresh.json());
    expect(fresh.cookies).toEqual([]);
    expect(again.cookies).toEqual([]);
  });

  it('starts the first session from the mailed link, and refuses sign-in before it', async () => {
    const email = 'starts.by.link@example.org';
    await m.anon.post('/api/auth/signup', body(email));
    const early = await m.anon.post('/api/auth/login', { email, password: PASSWORD });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('auth.unconfirmed');
    const token = await m.mailedLink(email, 'verify-email');
    const browser = m.newClient();
    const confirmed = await browser.post('/api/auth/verify', { token });
    expect(confirmed.statusCode).toBe(200);
    expect((await browser.get('/api/me')).json()).toMatchObject({ email, emailConfirmed: true });
    await signInAs(m, email);
  });

  it('tells the owner of an existing address that someone tried, and offers a new password', async () => {
    const email = 'owner.here@example.org';
    await m.anon.post('/api/auth/signup', body(email));
    await m.anon.post('/api/auth/verify', { token: await m.mailedLink(email, 'verify-email') });
    const tried = await m.anon.post('/api/auth/signup', {
      ...body(email),
      password: 'the stranger typed this',
    });
    expect(tried.statusCode).toBe(202);
    const mail = await mailTo(m, email);
    const notice = mail.find((x) => x.kind === 'account.signup_existing');
    expect(notice?.subject).toBe('You already have an account on Hearth');
    expect(notice?.text_body).toMatch(/\/reset-password\//);
    // The stranger's password does not work; the owner's does.
    expect(
      (await m.anon.post('/api/auth/login', { email, password: 'the stranger typed this' }))
        .statusCode,
    ).toBe(401);
    await signInAs(m, email);
  });

  it('makes an administrator only of an address shown to be theirs', async () => {
    const email = 'admin.mail@example.org';
    await m.anon.post('/api/auth/signup', body(email));
    const browser = m.newClient();
    await browser.post('/api/auth/verify', { token: await m.mailedLink(email, 'verify-email') });
    expect((await browser.get('/api/me')).json().isAdmin).toBe(true);
  });
});

describe('signing up where Hearth cannot send mail', () => {
  it('signs the person in at once and says when an address is taken', async () => {
    const email = 'no.mail.here@example.org';
    const first = await t.anon.post('/api/auth/signup', {
      email,
      password: PASSWORD,
      displayName: 'Local',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().emailConfirmed).toBe(false);
    const second = await t.anon.post('/api/auth/signup', {
      email,
      password: PASSWORD,
      displayName: 'Local',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('auth.email_taken');
  });
});

describe('failed sign-ins', () => {
  const from = (ip: string, email: string, password: string, device?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: {
        'content-type': 'application/json',
        ...(device ? { cookie: `hearth_device=${device}` } : {}),
      },
      payload: JSON.stringify({ email, password }),
    });

  it('slow a stranger without locking the owner out, and tell the owner', async () => {
    const person = await t.signUp('Holly');
    // The owner signs in once from home: that network and device become known.
    const home = await from('10.0.0.5', person.email, PASSWORD);
    expect(home.statusCode).toBe(200);
    const device = home.cookies.find((c) => c.name === 'hearth_device')?.value;
    expect(device).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // A stranger elsewhere guesses until the account's limit for new places is reached.
    for (let i = 0; i < 4; i++) {
      expect((await from('203.0.113.9', person.email, `guess number ${i}`)).statusCode).toBe(401);
    }
    const refused = await from('203.0.113.9', person.email, PASSWORD);
    expect(refused.statusCode).toBe(429);
    // Another new network is refused too, even with the right password…
    expect((await from('198.51.100.7', person.email, PASSWORD)).statusCode).toBe(429);
    // …but the owner at home, or with their device on the move, still gets in.
    expect((await from('10.0.0.5', person.email, PASSWORD)).statusCode).toBe(200);
    expect((await from('192.0.2.44', person.email, PASSWORD, device)).statusCode).toBe(200);
    // Mistakes from a known place do not count against the account.
    for (let i = 0; i < 6; i++) await from('10.0.0.5', person.email, `typo ${i}`);
    expect((await from('10.0.0.5', person.email, PASSWORD)).statusCode).toBe(200);

    const told = (await mailTo(t, person.email)).filter(
      (x) => x.kind === 'account.failed_sign_ins',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text_body).toContain('4 failed attempts');
  });
});

describe('signing in from a new place', () => {
  const from = (ip: string, email: string, device?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      headers: {
        'content-type': 'application/json',
        ...(device ? { cookie: `hearth_device=${device}` } : {}),
      },
      payload: JSON.stringify({ email, password: PASSWORD }),
    });
  const told = async (email: string) =>
    (await mailTo(t, email)).filter((x) => x.kind === 'account.new_sign_in').length;

  it('tells the owner, except for the first sign-in and places used before', async () => {
    const person = await t.signUp('Rook');
    const first = await from('10.1.0.1', person.email);
    expect(await told(person.email)).toBe(0);
    const device = first.cookies.find((c) => c.name === 'hearth_device')?.value;
    await from('10.1.0.1', person.email);
    await from('172.16.5.5', person.email, device);
    expect(await told(person.email)).toBe(0);
    await from('198.18.7.7', person.email);
    expect(await told(person.email)).toBe(1);
  });
});

describe('changing my account', () => {
  it('changes the name other members see, at once', async () => {
    const steward = await t.signUp('Founder');
    const member = await t.signUp('Old Name');
    const group = (
      await steward.post('/api/groups', { name: 'Namers', visibility: 'open' })
    ).json();
    await member.post(`/api/groups/${group.id}/join`, { confirm: true });
    const listed = async () =>
      (await steward.get(`/api/groups/${group.id}`))
        .json()
        .members.map((x: { displayName: string }) => x.displayName);
    expect(await listed()).toContain('Old Name');
    const changed = await member.patch('/api/me', { displayName: '  New Name ' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().displayName).toBe('New Name');
    expect((await member.get('/api/me')).json().displayName).toBe('New Name');
    expect(await listed()).toContain('New Name');
    expect((await member.patch('/api/me', { displayName: '' })).statusCode).toBe(400);
    // A name is one line: nothing that could break a mail header or a page.
    for (const displayName of ['Ann\r\nBcc: all@example.org', 'Tab\there', 'Bell\u0007']) {
      const r = await member.patch('/api/me', { displayName });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields.displayName).toBeDefined();
    }
    expect(
      (await member.patch('/api/me', { displayName: '<script>alert(1)</script>' })).json(),
    ).toMatchObject({ displayName: '<script>alert(1)</script>' });
  });

  it('changes the password with the current one, ending other sessions', async () => {
    const person = await t.signUp('Juniper');
    await signInAs(t, person.email);
    const wrong = await person.put('/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a fresh long phrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.currentPassword.code).toBe('password_wrong');
    const common = await person.put('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'password',
    });
    expect(common.json().error.fields.newPassword.code).toBe('password_common');
    const ok = await person.put('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a fresh long phrase',
    });
    expect(ok.statusCode).toBe(204);
    expect(await sessionCount(t, person.id)).toBe(1);
    expect((await person.get('/api/me')).statusCode).toBe(200);
    await signInAs(t, person.email, 'a fresh long phrase');
    expect((await mailTo(t, person.email)).map((x) => x.kind)).toContain(
      'account.password_changed',
    );
  });

  it('moves to a new address once it is confirmed there, telling the old one', async () => {
    const person = await t.signUp('Rowen');
    const newAddress = `rowen.new.${process.pid}@example.org`;
    const same = await person.post('/api/me/email', { email: person.email, password: PASSWORD });
    expect(same.statusCode).toBe(400);
    const wrong = await person.post('/api/me/email', { email: newAddress, password: 'nope nope' });
    expect(wrong.statusCode).toBe(400);
    const asked = await person.post('/api/me/email', { email: newAddress, password: PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ sentTo: newAddress });
    // Nothing changes until the link is used; the old address hears of it, the new one is hidden.
    expect((await person.get('/api/me')).json().email).toBe(person.email);
    const notice = (await mailTo(t, person.email)).find(
      (x) => x.kind === 'account.change_email_notice',
    );
    expect(notice?.text_body).not.toContain(newAddress);
    const token = await t.mailedLink(newAddress, 'confirm-email');
    const confirmed = await t.anon.post('/api/auth/confirm-email', { token });
    expect(confirmed.statusCode).toBe(200);
    expect((await person.get('/api/me')).json()).toMatchObject({
      email: newAddress,
      emailConfirmed: true,
    });
    await signInAs(t, newAddress);
    expect(
      (await t.anon.post('/api/auth/login', { email: person.email, password: PASSWORD }))
        .statusCode,
    ).toBe(401);
  });

  it('answers the same when the new address has an account, and tells its owner', async () => {
    const person = await t.signUp('Alder');
    const other = await t.signUp('Taken');
    const asked = await person.post('/api/me/email', { email: other.email, password: PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ sentTo: other.email });
    const told = (await mailTo(t, other.email)).map((x) => x.kind);
    expect(told).toContain('account.change_email_taken');
    expect(told).not.toContain('account.change_email');
  });
});

describe('closing my account', () => {
  const NAME = 'Zephyrine Quillfeather';
  const SECRET = 'zq-only-she-wrote-this';

  /** Every row of every table, as text: what must not hold the person after erasure. */
  async function everything(app: TestApp): Promise<string> {
    const tables = await app.deps.db.introspection.getTables();
    const dumps: string[] = [];
    for (const table of tables) {
      if (table.name.startsWith('kysely_')) continue;
      const rows = await app.deps.db
        // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its shape
        .selectFrom(table.name as any)
        .selectAll()
        .execute();
      dumps.push(`${table.name}: ${JSON.stringify(rows)}`);
    }
    return dumps.join('\n');
  }

  it('closes at once, opens again on sign-in, and after 14 days leaves nothing of the person', async () => {
    const email = `zephyrine.${process.pid}@example.org`;
    const zq = await t.signUp(NAME, { email });
    const friend = await t.signUp('Friend of Z');
    // She founded a group, asked what it is for and answered, and invited someone by mail.
    const group = (await zq.post('/api/groups', { name: 'Night owls', visibility: 'open' })).json();
    await friend.post(`/api/groups/${group.id}/join`, { confirm: true });
    await zq.post(`/api/groups/${group.id}/purpose/ask`, {});
    expect(
      (await zq.put(`/api/groups/${group.id}/purpose/answer`, { answer: `${SECRET} purpose` }))
        .statusCode,
    ).toBe(200);
    await zq.post(`/api/groups/${group.id}/invites`, { email: 'invited.friend@example.org' });
    // She was in a live session, which keeps each person's name for its record.
    const planned = await zq.post(
      `/api/groups/${group.id}/meetings`,
      oneOnlineMeeting(10 * 60_000, t.clock.now.getTime()),
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const live = await connectLive(base, planned.json().upcoming[0].id, zq.cookie);
    if (!live.room()) await live.waitFor((m) => m.type === 'state');
    expect(live.room()?.participants.map((p) => p.name)).toContain(NAME);
    await live.close();
    // She applied to a closed group with her own answers.
    const closed = (
      await friend.post('/api/groups', { name: 'Closed circle', visibility: 'closed' })
    ).json();
    const applied = await zq.post(`/api/groups/${closed.id}/applications`, {
      confirm: true,
      answers: {
        hope: `${SECRET} hope`,
        bring: 'Listening',
        commit: 'Yes, all of them',
        since: 'Over 5 years',
        tried: 'No',
      },
    });
    expect(applied.statusCode, applied.body).toBeLessThan(300);
    expect(await everything(t)).toContain(SECRET);

    // Closing needs her password.
    expect((await zq.post('/api/me/close', { password: 'not my password' })).statusCode).toBe(400);
    const closedNow = await zq.post('/api/me/close', { password: PASSWORD });
    expect(closedNow.statusCode).toBe(204);
    expect(await sessionCount(t, zq.id)).toBe(0);
    const page = (await friend.get(`/api/groups/${group.id}`)).json();
    expect(page.members.map((m: { displayName: string }) => m.displayName)).toEqual([
      'Friend of Z',
    ]);
    // The group keeps a steward: the longest-standing member steps up.
    expect(page.myRole).toBe('steward');
    expect((await mailTo(t, email)).map((x) => x.kind)).toContain('account.closed');

    // Signing in within 14 days opens it again.
    t.clock.advance(3 * 24 * HOUR);
    const back = await t.anon.post('/api/auth/login', { email, password: PASSWORD });
    expect(back.statusCode).toBe(200);
    expect(back.json().reopened).toBe(true);
    const again = t.newClient();
    again.cookie = `hearth_session=${back.cookies.find((c) => c.name === 'hearth_session')?.value}`;
    expect((await again.post('/api/me/close', { password: PASSWORD })).statusCode).toBe(204);

    // Fourteen days on, the account is erased.
    const { eraseClosedAccounts } = await import('../../server/services/accounts/closeAccount');
    const { purgeExpired } = await import('../../server/services/accounts/purgeExpired');
    t.clock.advance(13 * 24 * HOUR);
    expect(await eraseClosedAccounts(t.deps)).toBe(0);
    t.clock.advance(2 * 24 * HOUR);
    expect(await eraseClosedAccounts(t.deps)).toBe(1);
    // The room as this node last wrote it (with her name) is never taken up again: the next
    // change to the room starts from the erased state.
    const meetingId = planned.json().upcoming[0].id;
    const { lockRoom } = await import('../../server/db/queries/liveRooms');
    const { writtenRoom } = await import('../../server/live/rooms');
    const next = await t.deps.db
      .transaction()
      .execute((trx) =>
        lockRoom(trx, meetingId, (version) => writtenRoom(t.deps, meetingId, version)),
      );
    expect(next?.state.participants.map((p) => p.name)).not.toContain(NAME);
    await purgeExpired(t.deps);
    const left = await everything(t);
    for (const trace of [NAME, 'Zephyrine', 'Quillfeather', email, SECRET]) {
      expect(left.toLowerCase()).not.toContain(trace.toLowerCase());
    }
    // The group's record keeps its shape.
    const friendAgain = await signInAs(t, friend.email);
    expect((await friendAgain.get(`/api/groups/${group.id}/lifecycle`)).statusCode).toBe(200);
    expect((await friendAgain.get(`/api/groups/${group.id}/purpose`)).statusCode).toBe(200);
    expect((await t.anon.post('/api/auth/login', { email, password: PASSWORD })).statusCode).toBe(
      401,
    );
  });
});

describe('downloading everything Hearth holds about me', () => {
  it('is one ZIP of JSON and CSV, with my words and not other people’s', async () => {
    const { parse } = await import('csv-parse/sync');
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, writeFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');

    const me = await t.signUp('Exporter');
    const other = await t.signUp('Someone Else');
    const group = (
      await other.post('/api/groups', { name: 'Export circle', visibility: 'open' })
    ).json();
    await me.post(`/api/groups/${group.id}/join`, { confirm: true });
    await other.post(`/api/groups/${group.id}/purpose/ask`, {});
    await me.put(`/api/groups/${group.id}/purpose/answer`, {
      answer: '=HYPERLINK("x") my own words',
    });
    await other.put(`/api/groups/${group.id}/purpose/answer`, { answer: 'their private words' });

    const response = await me.get('/api/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="hearth-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    // Read with the system's unzip, not with anything of ours.
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-export-'));
    writeFileSync(path.join(dir, 'export.zip'), response.rawPayload);
    execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir });
    const out = path.join(dir, 'out');
    const files = readdirSync(out).sort();
    expect(files).toContain('README.txt');
    expect(files).toContain('account.json');
    expect(files).toContain('memberships.csv');
    const account = JSON.parse(readFileSync(path.join(out, 'account.json'), 'utf8'));
    expect(account).toMatchObject({ email: me.email, displayName: 'Exporter' });
    const csv = (name: string) => {
      const text = readFileSync(path.join(out, name), 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      return parse(text, { bom: true, columns: true }) as Record<string, string>[];
    };
    expect(csv('memberships.csv')).toEqual([
      expect.objectContaining({ group: 'Export circle', role: 'member' }),
    ]);
    const answers = csv('purpose-answers.csv');
    expect(answers.map((a) => a.answer)).toEqual(['\'=HYPERLINK("x") my own words']);
    const everything = files.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(everything).not.toContain('their private words');
    expect(everything).not.toContain(other.email);
    expect((await t.anon.get('/api/me/export')).statusCode).toBe(401);
  });
});

describe('passkeys', () => {
  async function signUpWithPasskey(
    app: TestApp,
    email: string,
    key: InstanceType<typeof SoftAuthenticatorClass>,
  ) {
    const c = app.newClient();
    const start = await c.post('/api/auth/passkey/signup-options', {
      email,
      displayName: 'Keyholder',
    });
    expect(start.statusCode, start.body).toBe(200);
    const { challengeId, options } = start.json();
    expect(Buffer.from(options.user.id, 'base64url')).toHaveLength(32);
    const done = await c.post('/api/auth/passkey/signup', {
      challengeId,
      response: key.register(options),
      name: 'My phone',
    });
    return { c, done };
  }

  async function signInWithPasskey(app: TestApp, key: InstanceType<typeof SoftAuthenticatorClass>) {
    const c = app.newClient();
    const { challengeId, options } = (await c.post('/api/auth/passkey/signin-options')).json();
    const r = await c.post('/api/auth/passkey/signin', {
      challengeId,
      response: key.assert(options),
    });
    return { c, r, challengeId, options };
  }

  it('signs up with a passkey and no password, and signs in with it', async () => {
    const key = new SoftAuthenticatorClass(new URL(t.deps.config.publicUrl).origin);
    const { c, done } = await signUpWithPasskey(t, `keyholder.${process.pid}@example.org`, key);
    expect(done.statusCode, done.body).toBe(201);
    const mine = (await c.get('/api/me/passkeys')).json();
    expect(mine).toMatchObject({ hasPassword: false, items: [{ name: 'My phone' }] });
    // No password: signing in with one never works.
    const guess = await t.anon.post('/api/auth/login', {
      email: `keyholder.${process.pid}@example.org`,
      password: 'anything at all',
    });
    expect(guess.statusCode).toBe(401);

    const first = await signInWithPasskey(t, key);
    expect(first.r.statusCode, first.r.body).toBe(200);
    expect((await first.c.get('/api/me')).json().displayName).toBe('Keyholder');
    // A challenge works once.
    const replay = await t.anon.post('/api/auth/passkey/signin', {
      challengeId: first.challengeId,
      response: key.assert(first.options),
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('auth.passkey_failed');
    // Another key, or nonsense, does not get in.
    const stranger = new SoftAuthenticatorClass(new URL(t.deps.config.publicUrl).origin);
    expect((await signInWithPasskey(t, stranger)).r.statusCode).toBe(400);
    const { challengeId } = (await t.anon.post('/api/auth/passkey/signin-options')).json();
    for (const response of [
      {},
      { id: 'x'.repeat(5000) },
      { id: key.id, response: { signature: '' } },
    ]) {
      expect(
        (await t.anon.post('/api/auth/passkey/signin', { challengeId, response })).statusCode,
      ).toBe(400);
    }
    // Its last way in cannot be removed; with a second passkey, one can.
    const removeOnly = await c.delete(`/api/me/passkeys/${key.id}`);
    expect(removeOnly.statusCode).toBe(409);
    const second = new SoftAuthenticatorClass(new URL(t.deps.config.publicUrl).origin);
    const options = (await c.post('/api/me/passkeys/options')).json();
    const added = await c.post('/api/me/passkeys', {
      challengeId: options.challengeId,
      response: second.register(options.options),
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().items).toHaveLength(2);
    const removed = await c.delete(`/api/me/passkeys/${key.id}`);
    expect(removed.json().items.map((p: { name: string }) => p.name)).toEqual(['Passkey']);
    expect((await signInWithPasskey(t, key)).r.statusCode).toBe(400);
    expect((await signInWithPasskey(t, second)).r.statusCode).toBe(200);
  });

  it('accepts a synced passkey whose counter stays at 0', async () => {
    const key = new SoftAuthenticatorClass(new URL(t.deps.config.publicUrl).origin, true);
    const { done } = await signUpWithPasskey(t, `synced.${process.pid}@example.org`, key);
    expect(done.statusCode).toBe(201);
    expect((await signInWithPasskey(t, key)).r.statusCode).toBe(200);
    expect((await signInWithPasskey(t, key)).r.statusCode).toBe(200);
  });

  it('asks someone without a password to confirm with their passkey before sensitive changes', async () => {
    const key = new SoftAuthenticatorClass(new URL(t.deps.config.publicUrl).origin);
    const { c } = await signUpWithPasskey(t, `nopass.${process.pid}@example.org`, key);
    const setPassword = { newPassword: 'a password at last' };
    const early = await c.put('/api/me/password', setPassword);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('auth.confirm_needed');
    const { challengeId, options } = (await c.post('/api/me/confirm/options')).json();
    expect(
      (await c.post('/api/me/confirm', { challengeId, response: key.assert(options) })).statusCode,
    ).toBe(204);
    expect((await c.put('/api/me/password', setPassword)).statusCode).toBe(204);
    await signInAs(t, `nopass.${process.pid}@example.org`, 'a password at last');
    // The confirmation lasts minutes, not for ever.
    t.clock.advance(6 * 60_000);
    expect(
      (await c.post('/api/me/email', { email: `elsewhere.nopass.${process.pid}@example.org` }))
        .statusCode,
    ).toBe(400);
  });

  it('starts from the mailed link where Hearth sends mail', async () => {
    const key = new SoftAuthenticatorClass(new URL(m.deps.config.publicUrl).origin);
    const email = 'passkey.mail@example.org';
    const { done } = await signUpWithPasskey(m, email, key);
    expect(done.statusCode).toBe(202);
    expect(done.json()).toEqual({ checkInbox: true, email });
    const early = await signInWithPasskey(m, key);
    expect(early.r.statusCode).toBe(403);
    await m.anon.post('/api/auth/verify', { token: await m.mailedLink(email, 'verify-email') });
    expect((await signInWithPasskey(m, key)).r.statusCode).toBe(200);
  });
});
