import { Migrator, sql } from 'kysely';
import { migrations } from '../../../migrations';
import type { Deps } from '../../deps';

/** How long the readiness check waits for the database. */
const READY_TIMEOUT_MS = 3_000;

/**
 * Whether this node can serve: the database answers within a few seconds and every migration
 * Hearth knows is applied. Load balancers route only to a ready node.
 */
export async function checkReady(deps: Deps): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`The database did not answer within ${READY_TIMEOUT_MS / 1000} s.`),
      READY_TIMEOUT_MS,
    );
  });
  const check = (async () => {
    try {
      await sql`select 1`.execute(deps.db);
    } catch {
      return 'The database cannot be reached.';
    }
    const known = await new Migrator({
      db: deps.db,
      provider: { getMigrations: async () => migrations },
    }).getMigrations();
    const pending = known.filter((m) => m.executedAt === undefined).length;
    if (pending === 0) return null;
    return pending === 1
      ? 'One database migration has not been applied.'
      : `${pending} database migrations have not been applied.`;
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
