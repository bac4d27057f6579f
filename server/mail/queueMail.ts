import type { Kysely } from 'kysely';
import type { EmailPreferences } from '../../core/protocol/mail';
import { enqueueMail } from '../db/queries/outbox';
import { listUnverified } from '../db/queries/users';
import type { Database } from '../db/tables';
import { newId } from '../security/tokens';
import type { MailContent, MailContext } from './messages';
import { preferencesTokens, readPreferences } from './preferences';

export interface MailRecipient {
  /** Null for an address with no account behind it (an invitation): no choices apply. */
  userId: string | null;
  email: string;
  displayName: string | null;
}

/**
 * Queues one mail per person in the outbox, in the caller's transaction, written for each
 * of them, skipping anyone who chose not to get this kind (`wants`). A dedupe key stops the
 * same mail twice. Returns how many were queued.
 *
 * Until a person has confirmed their address, only account mail goes to it: anything else
 * waits in the outbox (`waiting`) and goes out once they confirm (releaseWaitingMail).
 */
export async function queueMail<R extends MailRecipient>(
  db: Kysely<Database>,
  options: {
    publicUrl: string;
    to: readonly R[];
    kind: string;
    at: string;
    wants?: (preferences: EmailPreferences) => boolean;
    dedupeKey?: (recipient: R) => string;
    /** Mail about the account itself (a reset, a confirmation): sent whatever the choices. */
    account?: boolean;
    /** The group the mail is about, so an administrator reading it is recorded there. */
    groupId?: string | null;
    write: (context: MailContext, recipient: R) => MailContent;
  },
): Promise<number> {
  if (options.to.length === 0) return 0;
  const ids = options.to.flatMap((r) => (r.userId ? [r.userId] : []));
  const preferences = await readPreferences(db, ids);
  const tokens = await preferencesTokens(db, ids);
  const unverified = options.account ? new Set<string>() : await listUnverified(db, ids);
  let queued = 0;
  for (const recipient of options.to) {
    const chosen = recipient.userId ? preferences.get(recipient.userId) : undefined;
    if (options.wants && chosen && !options.wants(chosen)) continue;
    const token = recipient.userId ? (tokens.get(recipient.userId) ?? null) : null;
    const content = options.write(
      {
        displayName: recipient.displayName,
        preferencesUrl: token ? `${options.publicUrl}/email-preferences/${token}` : null,
      },
      recipient,
    );
    const added = await enqueueMail(
      db,
      {
        id: newId(),
        user_id: recipient.userId,
        group_id: options.groupId ?? null,
        to_address: recipient.email,
        kind: options.kind,
        subject: content.subject,
        text_body: content.text,
        html_body: content.html,
        dedupe_key: options.dedupeKey ? options.dedupeKey(recipient) : null,
        next_attempt_at: options.at,
        created_at: options.at,
      },
      recipient.userId && unverified.has(recipient.userId) ? 'waiting' : 'pending',
    );
    if (added) queued += 1;
  }
  return queued;
}
