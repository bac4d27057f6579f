import { describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD } from '../helpers/testApp';

const t = await createTestApp({
  env: { RATE_LIMIT_LOGIN_PER_ACCOUNT: '3', ADMIN_EMAILS: 'admin@example.org' },
});

describe('signing up', () => {
  it('creates an account, signs in and answers /api/me', async () => {
    const response = await t.anon.post('/api/auth/signup', {
      email: '  River@Example.org ',
      password: PASSWORD,
      displayName: 'River',
    });
    expect(response.statusCode).toBe(201);
    const me = response.json();
    expect(me).toMatchObject({ email: 'river@example.org', displayName: 'River', isAdmin: false });
    expect(me.id).toEqual(expect.any(String));
    const cookie = response.cookies.find((c) => c.name === 'hearth_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const again = await t.anon.get('/api/me', { cookie: `hearth_session=${cookie?.value}` });
    expect(again.json().id).toBe(me.id);
  });

  it('names each field that is wrong', async () => {
    const response = await t.anon.post('/api/auth/signup', {
      email: 'nope',
      password: 'short',
      displayName: '',
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('request.invalid');
    expect(Object.keys(error.fields).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('refuses common passwords but no composition rules', async () => {
    const common = await t.anon.post('/api/auth/signup', {
      email: 'c@example.org',
      password: 'Password1',
      displayName: 'C',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.code).toBe('auth.common_password');

    const phrase = await t.anon.post('/api/auth/signup', {
      email: 'd@example.org',
      password: 'all lower case and long enough',
      displayName: 'D',
    });
    expect(phrase.statusCode).toBe(201);
  });

  it('accepts passwords of 64 characters and more, in any script', async () => {
    const long = 'ñ🙂 日本語 '.repeat(20).slice(0, 100);
    const response = await t.anon.post('/api/auth/signup', {
      email: 'long@example.org',
      password: long,
      displayName: 'Long',
    });
    expect(response.statusCode).toBe(201);
    const login = await t.anon.post('/api/auth/login', {
      email: 'long@example.org',
      password: long,
    });
    expect(login.statusCode).toBe(200);
  });

  it('says when an email already has an account', async () => {
    const first = await t.signUp('Sam', { email: 'sam@example.org' });
    expect(first.id).toBeTruthy();
    const response = await t.anon.post('/api/auth/signup', {
      email: 'SAM@example.org',
      password: PASSWORD,
      displayName: 'Sam again',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('auth.email_taken');
  });

  it('limits repeated sign-ups for one email', async () => {
    const attempt = () =>
      t.anon.post('/api/auth/signup', {
        email: 'probe@example.org',
        password: PASSWORD,
        displayName: 'P',
      });
    expect((await attempt()).statusCode).toBe(201);
    expect((await attempt()).statusCode).toBe(409);
    expect((await attempt()).statusCode).toBe(409);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/too many attempts/i);
  });

  it('marks administrators named in ADMIN_EMAILS', async () => {
    const admin = await t.signUp('Admin', { email: 'admin@example.org' });
    expect((await admin.get('/api/me')).json().isAdmin).toBe(true);
  });
});

describe('signing in and out', () => {
  it('gives the same answer for an unknown email and a wrong password', async () => {
    await t.signUp('Kim', { email: 'kim@example.org' });
    const unknown = await t.anon.post('/api/auth/login', {
      email: 'nobody@example.org',
      password: PASSWORD,
    });
    const wrong = await t.anon.post('/api/auth/login', {
      email: 'kim@example.org',
      password: 'not the password',
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('signs in, and signing out ends the session', async () => {
    await t.signUp('Lee', { email: 'lee@example.org' });
    const login = await t.anon.post('/api/auth/login', {
      email: 'Lee@Example.org',
      password: PASSWORD,
    });
    expect(login.statusCode).toBe(200);
    const cookie = `hearth_session=${login.cookies.find((c) => c.name === 'hearth_session')?.value}`;
    expect((await t.anon.get('/api/me', { cookie })).statusCode).toBe(200);
    const logout = await t.anon.post('/api/auth/logout', undefined, { cookie });
    expect(logout.statusCode).toBe(204);
    const me = await t.anon.get('/api/me', { cookie });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.required');
  });

  it('limits failed attempts per account with a clear message', async () => {
    await t.signUp('Pat', { email: 'pat@example.org' });
    for (let i = 0; i < 3; i++) {
      const r = await t.anon.post('/api/auth/login', {
        email: 'pat@example.org',
        password: 'guess guess',
      });
      expect(r.statusCode).toBe(i < 3 ? 401 : 429);
    }
    const limited = await t.anon.post('/api/auth/login', {
      email: 'pat@example.org',
      password: PASSWORD,
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('auth.rate_limited');
    expect(limited.json().error.message).toMatch(/wait/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not affected, and the limit lifts when the window passes.
    const other = await t.anon.post('/api/auth/login', {
      email: 'lee@example.org',
      password: PASSWORD,
    });
    expect(other.statusCode).toBe(200);
    t.clock.advance(t.deps.config.rateLimits.windowMs);
    const later = await t.anon.post('/api/auth/login', {
      email: 'pat@example.org',
      password: PASSWORD,
    });
    expect(later.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('lists sessions and ends one from another device', async () => {
    const ana = await t.signUp('Ana', { email: 'ana@example.org' });
    const login = await t.anon.post(
      '/api/auth/login',
      { email: 'ana@example.org', password: PASSWORD },
      {
        'user-agent':
          'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36',
      },
    );
    const phoneCookie = `hearth_session=${login.cookies.find((c) => c.name === 'hearth_session')?.value}`;
    const list = (await ana.get('/api/me/sessions')).json().items;
    expect(list).toHaveLength(2);
    const phone = list.find((s: { current: boolean }) => !s.current);
    expect(phone.device).toBe('Chrome on Android');
    expect((await ana.delete(`/api/me/sessions/${phone.id}`)).statusCode).toBe(204);
    expect((await t.anon.get('/api/me', { cookie: phoneCookie })).statusCode).toBe(401);
    expect((await ana.get('/api/me')).statusCode).toBe(200);
    expect((await ana.delete(`/api/me/sessions/${phone.id}`)).statusCode).toBe(404);
  });

  it('ends idle sessions and sessions past their absolute lifetime', async () => {
    const { idleMs, absoluteMs } = t.deps.config.session;
    const idle = await t.signUp('Idle');
    t.clock.advance(idleMs + 1000);
    expect((await idle.get('/api/me')).statusCode).toBe(401);

    const busy = await t.signUp('Busy');
    const step = idleMs / 2;
    for (let elapsed = 0; elapsed < absoluteMs - step; elapsed += step) {
      t.clock.advance(step);
      expect((await busy.get('/api/me')).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await busy.get('/api/me')).statusCode).toBe(401);
  });
});
