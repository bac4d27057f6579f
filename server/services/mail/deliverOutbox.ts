import { claimDueMail, settleMail } from '../../db/queries/outbox';
import type { Deps } from '../../deps';
import { preferencesToken } from '../../mail/preferences';
import { isPermanentFailure, type MailTransport } from '../../mail/transport';

/**
 * Headers every mail carries: it was sent by a machine (so auto-responders stay quiet), and,
 * for a person with an account, a one-click unsubscribe (RFC 8058) that turns every optional
 * mail off without signing in.
 */
async function headersFor(
  deps: Deps,
  userId: string | null,
  kind: string,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  // Account mail (a reset, a confirmation) cannot be turned off, so offers no unsubscribe.
  if (userId && !kind.startsWith('account.')) {
    const token = await preferencesToken(deps.db, userId);
    const base = `${deps.config.publicUrl}/api/email-preferences/${token}`;
    headers['List-Unsubscribe'] = `<${base}/unsubscribe>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}

/** Waits between tries: a minute, five, half an hour, two hours, then twelve. */
export const RETRY_MINUTES = [1, 5, 30, 120, 720];
const LEASE_MINUTES = 5;

export interface DeliveryLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Sends the mail that is due. Without a transport, mail is kept ("held") for the
 * administrator to read, and logged, so nothing is silently lost. A failed send is tried
 * again with growing waits; a refusal that will not change, or running out of tries,
 * marks it failed, where the administrator sees it.
 */
export async function deliverOutbox(
  deps: Deps,
  transport: MailTransport,
  log: DeliveryLog,
  limit = 20,
): Promise<{ sent: number; held: number; retried: number; failed: number }> {
  const now = deps.now();
  const lease = new Date(now.getTime() + LEASE_MINUTES * 60_000).toISOString();
  const due = await claimDueMail(deps.db, now.toISOString(), lease, limit);
  const result = { sent: 0, held: 0, retried: 0, failed: 0 };
  for (const mail of due) {
    if (transport.kind === 'none') {
      await settleMail(deps.db, mail.id, { status: 'held' });
      log.info({ mailId: mail.id, kind: mail.kind }, 'mail kept in the outbox: no SMTP_URL is set');
      result.held += 1;
      continue;
    }
    try {
      await transport.send({
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        headers: await headersFor(deps, mail.user_id, mail.kind),
      });
      await settleMail(deps.db, mail.id, {
        status: 'sent',
        sent_at: deps.now().toISOString(),
        attempts: mail.attempts + 1,
        last_error: null,
      });
      log.info({ mailId: mail.id, kind: mail.kind, attempts: mail.attempts + 1 }, 'mail sent');
      result.sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      const wait = RETRY_MINUTES[attempts - 1];
      if (isPermanentFailure(error) || wait === undefined) {
        await settleMail(deps.db, mail.id, { status: 'failed', attempts, last_error: message });
        log.warn({ mailId: mail.id, kind: mail.kind, attempts }, 'mail could not be delivered');
        result.failed += 1;
      } else {
        await settleMail(deps.db, mail.id, {
          status: 'pending',
          attempts,
          last_error: message,
          next_attempt_at: new Date(deps.now().getTime() + wait * 60_000).toISOString(),
        });
        log.info(
          { mailId: mail.id, kind: mail.kind, attempts, retryInMinutes: wait },
          'mail not delivered yet; it will be tried again',
        );
        result.retried += 1;
      }
    }
  }
  return result;
}
