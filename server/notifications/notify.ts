/**
 * Telling people about something in a group: a notice in the app and, when the kind has
 * one, a mail to each of them (through the outbox, honouring their email choices), both in
 * the caller's transaction, so they exist exactly when the change does.
 */
import type { Kysely } from 'kysely';
import type { EmailPreferences } from '../../core/protocol/mail';
import type { NotificationKind } from '../../core/protocol/notifications';
import { listMembers } from '../db/queries/memberships';
import { insertNotifications } from '../db/queries/notifications';
import { listContacts } from '../db/queries/users';
import type { Database } from '../db/tables';
import type { Deps } from '../deps';
import type { MailContent, MailContext } from '../mail/messages';
import { type MailRecipient, queueMail } from '../mail/queueMail';
import { newId } from '../security/tokens';

export interface Notice {
  groupId: string;
  kind: NotificationKind;
  /** What the notice is about: a proposal, a meeting, a decision, the group… */
  subjectId: string;
  at: string;
  /** The mail that goes with it, if any. */
  mail?: {
    /** Leave out people who chose not to get this kind of mail. */
    wants?: (preferences: EmailPreferences) => boolean;
    /** One mail per key, ever: a notice repeated by a retry mails once. */
    dedupeKey?: (recipient: MailRecipient & { userId: string }) => string;
    write: (context: MailContext, recipient: MailRecipient) => MailContent;
  };
}

/** Tells these people, in the app and (if the notice has a mail) by mail. */
export async function notify(
  deps: Deps,
  db: Kysely<Database>,
  userIds: readonly string[],
  notice: Notice,
): Promise<void> {
  const people = [...new Set(userIds)];
  if (people.length === 0) return;
  await insertNotifications(
    db,
    people.map((userId) => ({
      id: newId(),
      user_id: userId,
      group_id: notice.groupId,
      kind: notice.kind,
      subject_id: notice.subjectId,
      created_at: notice.at,
      read_at: null,
    })),
  );
  const { mail } = notice;
  if (!mail) return;
  await queueMail(db, {
    publicUrl: deps.config.publicUrl,
    to: await listContacts(db, people),
    kind: notice.kind,
    at: notice.at,
    groupId: notice.groupId,
    ...(mail.wants ? { wants: mail.wants } : {}),
    ...(mail.dedupeKey ? { dedupeKey: mail.dedupeKey } : {}),
    write: mail.write,
  });
}

/** A group's members by id, and which of them are stewards: who notices usually go to. */
export async function membersOf(db: Kysely<Database>, groupId: string) {
  const members = await listMembers(db, groupId);
  return {
    all: members.map((m) => m.user_id),
    stewards: members.filter((m) => m.role === 'steward').map((m) => m.user_id),
    /** Everyone but one person (usually whoever caused the notice). */
    except: (userId: string) => members.map((m) => m.user_id).filter((id) => id !== userId),
  };
}
