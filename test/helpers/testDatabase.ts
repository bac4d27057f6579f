/**
 * A fresh database for one test file: an in-memory SQLite by default, or, when the test
 * project sets HEARTH_TEST_DB=postgres, a new PostgreSQL database made for this file alone
 * (so files run in parallel) and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../server/config';

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.HEARTH_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** Runs one statement on the server's maintenance connection. */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  database: Config['database'];
  drop(): Promise<void>;
}

export async function createTestDatabase(sqliteFile = ':memory:'): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    return { database: { kind: 'sqlite', file: sqliteFile }, drop: async () => {} };
  }
  const name = `hearth_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString(), poolSize: 10, connectTimeoutMs: 10_000 },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Drops databases left behind by test runs that were killed before cleaning up. */
export async function dropStaleTestDatabases(): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'hearth\\_test\\_%'`,
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
