/**
 * Behind nginx on the same machine (TRUST_PROXY=127.0.0.1): the proxy appends the client's
 * address to X-Forwarded-For, so only what it added is believed. A client that sends its own header
 * cannot escape the per-address limits by making up addresses.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD } from '../helpers/testApp';

const t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_SIGNUP_PER_IP: '3' } });
afterAll(() => t.close());

const signUpVia = (n: number, forwardedFor: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    remoteAddress: '127.0.0.1',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    payload: JSON.stringify({
      email: `proxy${n}@example.org`,
      password: PASSWORD,
      displayName: 'P',
    }),
  });

describe('behind a proxy', () => {
  it('counts a client that forges X-Forwarded-For under its real address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      // What the client sent, then what nginx appended: the real address.
      statuses.push((await signUpVia(n, `10.9.8.${n}, 198.51.100.7`)).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    // Another real client is not affected.
    const other = await signUpVia(99, '198.51.100.8');
    expect(other.statusCode, other.body).toBe(201);
  });
});

describe('reached directly, not through the proxy', () => {
  it('believes no X-Forwarded-For at all', async () => {
    const statuses: number[] = [];
    for (let n = 10; n < 15; n++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.1.${n}` },
        payload: JSON.stringify({
          email: `direct${n}@example.org`,
          password: PASSWORD,
          displayName: 'D',
        }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });
});
