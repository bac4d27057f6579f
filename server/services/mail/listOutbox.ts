import { AppError } from '../../../core/errors';
import type { OutboxList } from '../../../core/protocol/mail';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { findMail, listOutbox as listRows } from '../../db/queries/outbox';
import type { Deps } from '../../deps';

/**
 * Links that let whoever holds them in (an invitation, a reset, email choices) are shown
 * with their secret part hidden: the administrator sees that a link was sent, not the key.
 */
export function withoutSecretLinks(text: string): string {
  return text.replace(
    /(\/(?:invite|email-preferences|reset-password|verify-email|confirm-email|api\/calendar)\/)[^\s/?#)\]]+/g,
    '$1•••',
  );
}

const refuse = () => new AppError('forbidden', 'Only administrators can see the outbox.');

/**
 * The latest mail, with what happened to each: for administrators. A mail about a group
 * carries the group's words (a proposal's title, a steward's message), so its subject and
 * text are shown only when the administrator opens it, which the group's record then shows.
 */
export async function listOutbox(deps: Deps, viewer: Viewer): Promise<OutboxList> {
  if (!viewer.isAdmin) throw refuse();
  const rows = await listRows(deps.db, 100);
  return {
    transport: deps.mail.kind,
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      kind: r.kind,
      aboutGroup: r.group_id !== null,
      subject: r.group_id ? null : r.subject,
      text: r.group_id ? null : withoutSecretLinks(r.text_body),
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}

/** Opens one mail about a group; the group's record shows that this administrator did. */
export async function readMail(
  deps: Deps,
  viewer: Viewer,
  input: { mailId: string },
): Promise<{ subject: string; text: string }> {
  if (!viewer.isAdmin) throw refuse();
  const mail = await findMail(deps.db, input.mailId);
  if (!mail) throw new AppError('not_found', 'That mail is no longer in the outbox.');
  if (mail.group_id) {
    await recordAudit(deps.db, {
      at: deps.now().toISOString(),
      actorId: viewer.userId,
      groupId: mail.group_id,
      action: 'admin.read_mail',
      subjectId: mail.id,
    });
  }
  return { subject: mail.subject, text: withoutSecretLinks(mail.text_body) };
}
