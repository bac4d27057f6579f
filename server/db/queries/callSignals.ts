/** SQL for the call's signals in transit (migration 019). */
import type { Kysely } from 'kysely';
import type { CallSignalsTable, Database } from '../tables';

export async function insertSignal(db: Kysely<Database>, row: CallSignalsTable): Promise<void> {
  await db.insertInto('call_signals').values(row).execute();
}

export async function findSignal(
  db: Kysely<Database>,
  id: string,
): Promise<CallSignalsTable | undefined> {
  return db.selectFrom('call_signals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Forgets signals older than `before` (server milliseconds): they were delivered or are moot. */
export async function deleteSignalsBefore(db: Kysely<Database>, before: number): Promise<void> {
  await db.deleteFrom('call_signals').where('created_at', '<', before).execute();
}
