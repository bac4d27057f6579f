import type { Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../tables';

/** Appends to the audit log: who did what to whom, never what anyone wrote. */
export async function insertAuditEvent(
  db: Kysely<Database>,
  event: AuditEventsTable,
): Promise<void> {
  await db.insertInto('audit_events').values(event).execute();
}
