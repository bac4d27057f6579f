import { expect, it } from 'vitest';
import { purgeExpired } from '../../server/services/accounts/purgeExpired';
import { createTestApp } from '../helpers/testApp';

const t = await createTestApp();

it('deletes sessions that can no longer be used and passed rate-limit windows', async () => {
  const kept = await t.signUp('Kept');
  await t.signUp('Gone');
  const count = async (table: 'sessions' | 'rate_limits') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect(await count('sessions')).toBe(2);
  expect(await count('rate_limits')).toBeGreaterThan(0);

  t.clock.advance(t.deps.config.session.idleMs - 60_000);
  expect((await kept.get('/api/me')).statusCode).toBe(200);
  t.clock.advance(120_000);
  await purgeExpired(t.deps);
  expect(await count('sessions')).toBe(1);
  expect(await count('rate_limits')).toBe(0);
  expect((await kept.get('/api/me')).statusCode).toBe(200);
});
