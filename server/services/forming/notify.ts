import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../core/protocol/agreement';
import { listMembers } from '../../db/queries/memberships';
import { insertNotifications } from '../../db/queries/notifications';
import type { Database } from '../../db/tables';
import { newId } from '../../security/tokens';

/** Tells people about something in a group, in the app, in the caller's transaction. */
export async function notify(
  db: Kysely<Database>,
  userIds: readonly string[],
  notice: { groupId: string; kind: NotificationKind; subjectId: string; at: string },
): Promise<void> {
  await insertNotifications(
    db,
    [...new Set(userIds)].map((userId) => ({
      id: newId(),
      user_id: userId,
      group_id: notice.groupId,
      kind: notice.kind,
      subject_id: notice.subjectId,
      created_at: notice.at,
      read_at: null,
    })),
  );
}

/** The group's members, and which of them are stewards. */
export async function membersOf(db: Kysely<Database>, groupId: string) {
  const members = await listMembers(db, groupId);
  return {
    all: members.map((m) => m.user_id),
    stewards: members.filter((m) => m.role === 'steward').map((m) => m.user_id),
  };
}
