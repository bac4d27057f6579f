import { AppError } from '../../../core/errors';
import type { OutboxList } from '../../../core/protocol/mail';
import type { Viewer } from '../../access/viewer';
import { listOutbox as listRows } from '../../db/queries/outbox';
import type { Deps } from '../../deps';

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
      text: r.text_body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    })),
  };
}
