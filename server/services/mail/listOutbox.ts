import { AppError } from '../../../core/errors';
import type { OutboxList } from '../../../core/protocol/mail';
import type { Viewer } from '../../access/viewer';
import { listOutbox as listRows } from '../../db/queries/outbox';
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

/** The latest mail, with what happened to each: for administrators. */
export async function listOutbox(deps: Deps, viewer: Viewer): Promise<OutboxList> {
  if (!viewer.isAdmin) throw new AppError('forbidden', 'Only administrators can see the outbox.');
  const rows = await listRows(deps.db, 100);
  return {
    transport: deps.mail.kind,
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      kind: r.kind,
      subject: r.subject,
      text: withoutSecretLinks(r.text_body),
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}
