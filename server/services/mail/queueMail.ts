import type { Kysely } from 'kysely';
import type { EmailPreferences } from '../../../core/protocol/meetings';
import { enqueueMail } from '../../db/queries/mail';
import type { Database } from '../../db/tables';
import type { MailContent, MailContext } from '../../mail/messages';
import { newId } from '../../security/tokens';
import { preferencesToken, readPreferences } from './preferences';

export interface MailRecipient {
  userId: string;
  email: string;
  displayName: string;
}

/**
 * Queues one mail per person in the outbox, written for each of them, skipping anyone
 * who chose not to get this kind (`wants`). A dedupe key stops the same mail twice.
 */
export async function queueMail(
  db: Kysely<Database>,
  options: {
    publicUrl: string;
    to: readonly MailRecipient[];
    kind: string;
    at: string;
    wants?: (preferences: EmailPreferences) => boolean;
    dedupeKey?: (recipient: MailRecipient) => string;
    write: (context: MailContext, recipient: MailRecipient) => MailContent;
  },
): Promise<number> {
  if (options.to.length === 0) return 0;
  const preferences = await readPreferences(
    db,
    options.to.map((r) => r.userId),
  );
  let queued = 0;
  for (const recipient of options.to) {
    const chosen = preferences.get(recipient.userId);
    if (options.wants && chosen && !options.wants(chosen)) continue;
    const token = await preferencesToken(db, recipient.userId);
    const content = options.write(
      {
        displayName: recipient.displayName,
        preferencesUrl: `${options.publicUrl}/email-preferences/${token}`,
      },
      recipient,
    );
    const added = await enqueueMail(db, {
      id: newId(),
      user_id: recipient.userId,
      to_address: recipient.email,
      kind: options.kind,
      subject: content.subject,
      text_body: content.text,
      html_body: content.html,
      dedupe_key: options.dedupeKey ? options.dedupeKey(recipient) : null,
      next_attempt_at: options.at,
      created_at: options.at,
    });
    if (added) queued += 1;
  }
  return queued;
}

/** "Tuesday 31 March, 7:00 pm (Europe/London)": a meeting's time in the group's zone. */
export function formatWhen(instant: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(new Date(instant));
  return `${text.replace(' at ', ', ')} (${timeZone.replace(/_/g, ' ')})`;
}
