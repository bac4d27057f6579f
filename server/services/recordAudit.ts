import type { Kysely } from 'kysely';
import { insertAuditEvent } from '../db/queries/auditEvents';
import type { Database } from '../db/tables';
import { newId } from '../security/tokens';

export type AuditAction =
  | 'group.created'
  | 'member.joined'
  | 'member.left'
  | 'member.removed'
  | 'member.role_changed'
  | 'invite.created'
  | 'invite.revoked'
  | 'meetings.scheduled'
  | 'meeting.changed'
  | 'meeting.cancelled'
  | 'attendance.recorded'
  | 'role.added'
  | 'role.changed'
  | 'rota.planned'
  | 'swap.accepted';

/** Records who did what in a group; part of the same transaction as the change. */
export async function recordAudit(
  db: Kysely<Database>,
  event: {
    at: string;
    actorId: string;
    groupId: string;
    action: AuditAction;
    subjectId?: string | null;
  },
): Promise<void> {
  await insertAuditEvent(db, {
    id: newId(),
    at: event.at,
    actor_id: event.actorId,
    group_id: event.groupId,
    action: event.action,
    subject_id: event.subjectId ?? null,
  });
}
