import type { Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../tables';

/** Appends to the audit log: who did what to whom, never what anyone wrote. */
export async function insertAuditEvent(
  db: Kysely<Database>,
  event: AuditEventsTable,
): Promise<void> {
  await db.insertInto('audit_events').values(event).execute();
}

/** A group's record, newest first, with the names of who acted and whom it was about. */
export async function listGroupRecord(
  db: Kysely<Database>,
  groupId: string,
  page: { before: string | null; limit: number },
) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as actor', 'actor.id', 'e.actor_id')
    .leftJoin('users as subject', 'subject.id', 'e.subject_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.actor_id',
      'actor.display_name as actor_name',
      'subject.display_name as subject_name',
    ])
    .where('e.group_id', '=', groupId);
  if (page.before) query = query.where('e.id', '<', page.before);
  return query.orderBy('e.id', 'desc').limit(page.limit).execute();
}
