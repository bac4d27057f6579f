import { expect, it } from 'vitest';
import { createTestApp, PASSWORD } from '../helpers/testApp';

const t = await createTestApp({
  env: { PUBLIC_URL: 'https://hearth.example.org', RATE_LIMIT_SIGNUP_PER_IP: '2' },
});

it('marks the session cookie Secure when Hearth is served over https', async () => {
  const response = await t.anon.post('/api/auth/signup', {
    email: 'a@example.org',
    password: PASSWORD,
    displayName: 'A',
  });
  expect(response.statusCode).toBe(201);
  expect(response.cookies.find((c) => c.name === 'hearth_session')?.secure).toBe(true);
});

it('accepts state changes from its public origin and refuses others', async () => {
  const ok = await t.anon.post(
    '/api/auth/login',
    { email: 'a@example.org', password: PASSWORD },
    {
      origin: 'https://hearth.example.org',
    },
  );
  expect(ok.statusCode).toBe(200);
  const evil = await t.anon.post(
    '/api/auth/login',
    { email: 'a@example.org', password: PASSWORD },
    {
      origin: 'https://evil.example.org',
    },
  );
  expect(evil.statusCode).toBe(403);
  expect(evil.json().error.code).toBe('request.origin');
});

it('limits sign-ups per network', async () => {
  const second = await t.anon.post('/api/auth/signup', {
    email: 'b@example.org',
    password: PASSWORD,
    displayName: 'B',
  });
  expect(second.statusCode).toBe(201);
  const third = await t.anon.post('/api/auth/signup', {
    email: 'c@example.org',
    password: PASSWORD,
    displayName: 'C',
  });
  expect(third.statusCode).toBe(429);
  expect(third.json().error.message).toMatch(/too many accounts/i);
});
