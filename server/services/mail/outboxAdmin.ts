import { AppError } from '../../../core/errors';
import type { OutboxList } from '../../../core/protocol/meetings';
import { listOutbox, requeueMail } from '../../db/queries/mail';
import type { MailTransport } from '../../mail/transport';
import type { Deps, Viewer } from '../deps';

function requireAdmin(viewer: Viewer): void {
  if (!viewer.isAdmin) throw new AppError('forbidden', 'Only administrators can see the outbox.');
}

/** The latest mail, with what happened to each: for the administrator. */
export async function listMail(
  deps: Deps,
  viewer: Viewer,
  transport: MailTransport,
): Promise<OutboxList> {
  requireAdmin(viewer);
  const rows = await listOutbox(deps.db, 100);
  return {
    transport: transport.kind,
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

/** Tries a kept or failed mail again. */
export async function retryMail(deps: Deps, viewer: Viewer, mailId: string): Promise<void> {
  requireAdmin(viewer);
  if (!(await requeueMail(deps.db, mailId, deps.now().toISOString()))) {
    throw new AppError('not_found', 'That mail is not waiting to be tried again.');
  }
}
