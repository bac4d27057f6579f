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
  | 'swap.accepted'
  | 'group.updated'
  | 'waitlist.joined'
  | 'waitlist.left'
  | 'waitlist.offered'
  | 'waitlist.lapsed'
  | 'application.made'
  | 'application.withdrawn'
  | 'application.accepted'
  | 'application.declined'
  | 'application.waitlisted'
  | 'purpose.asked'
  | 'purpose.answered'
  | 'decision.proposed'
  | 'decision.withdrawn'
  | 'decision.adopted'
  | 'decision.lapsed'
  | 'group.stage'
  | 'proposal.made'
  | 'proposal.closed'
  | 'proposal.withdrawn'
  | 'agreement.adopted'
  /** An administrator read a mail about the group in the outbox. */
  | 'admin.read_mail'
  /** Moderation in the group's space (subject: the post's author). */
  | 'space.post_hidden'
  | 'space.report_kept'
  | 'space.second_look'
  | 'space.post_shown'
  | 'space.kept_hidden'
  | 'space.language_added'
  | 'space.language_removed'
  /** Someone took on a staff role, or it ended (subject: them). */
  | 'staff.added'
  | 'meeting.observer_added'
  | 'staff.removed';

/** Records who did what in a group; part of the same transaction as the change. */
export async function recordAudit(
  db: Kysely<Database>,
  event: {
    at: string;
    /** Null when Hearth acted by itself (a deadline, a meeting starting). */
    actorId: string | null;
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
