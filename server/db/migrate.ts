import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../migrations';
import type { Database } from './tables';

/**
 * Applies every pending migration. Safe to call from several nodes at once: Kysely's
 * migrator takes a lock table first (a row lock on PostgreSQL).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(
      `Database migration failed${name}: ${String((error as Error)?.message ?? error)}`,
    );
  }
}
