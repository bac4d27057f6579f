/**
 * Queries compiled once (server/db/compiled.ts) run with each call's own values, on both
 * databases, and a query that would drop an argument is refused when first built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client';
import { compiledOnce } from '../../server/db/compiled';
import { migrateToLatest } from '../../server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let test: TestDatabase;
let handle: Db;

beforeAll(async () => {
  test = await createTestDatabase();
  handle = await openDatabase(test.database);
  await migrateToLatest(handle.db);
});

afterAll(async () => {
  await handle.db.destroy();
  await test.drop();
});

const findByEmail = compiledOnce((db, email: string) =>
  db.selectFrom('users').select(['id', 'display_name']).where('email', '=', email).limit(1),
);

describe('compiledOnce', () => {
  it('binds each call’s values to the query built once', async () => {
    const at = new Date().toISOString();
    for (const [id, name] of [
      ['u1', 'Ann'],
      ['u2', 'Ben'],
    ] as const) {
      await handle.db
        .insertInto('users')
        .values({
          id,
          email: `${name.toLowerCase()}@example.org`,
          display_name: name,
          password_hash: 'x',
          created_at: at,
          email_verified_at: null,
          closed_at: null,
          erase_after: null,
        })
        .execute();
    }
    expect(await findByEmail(handle.db, 'ann@example.org')).toEqual([
      { id: 'u1', display_name: 'Ann' },
    ]);
    expect(await findByEmail(handle.db, 'ben@example.org')).toEqual([
      { id: 'u2', display_name: 'Ben' },
    ]);
    // Values an attacker might send are values, never SQL.
    expect(await findByEmail(handle.db, "' OR 1=1 --")).toEqual([]);
    await handle.db.transaction().execute(async (trx) => {
      expect(await findByEmail(trx, 'ben@example.org')).toHaveLength(1);
    });
  });

  it('refuses a query that does not use one of its arguments as a value', async () => {
    const careless = compiledOnce((db, _unused: string) => db.selectFrom('users').select('id'));
    await expect(careless(handle.db, 'x')).rejects.toThrow(/not used as a value/);
  });
});
