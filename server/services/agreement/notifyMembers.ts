import type { Kysely } from 'kysely';
import { listMemberIds } from '../../db/queries/memberships';
import { insertNotifications } from '../../db/queries/notifications';
import type { Database, NotificationsTable } from '../../db/tables';
import { newId } from '../../security/tokens';

/** Tells a group's members (all, or all but one) about a proposal, in the app. */
export async function notifyMembers(
  db: Kysely<Database>,
  notice: {
    groupId: string;
    kind: NotificationsTable['kind'];
    proposalId: string;
    at: string;
    except?: string;
  },
): Promise<void> {
  const members = await listMemberIds(db, notice.groupId);
  await insertNotifications(
    db,
    members
      .filter((id) => id !== notice.except)
      .map((userId) => ({
        id: newId(),
        user_id: userId,
        group_id: notice.groupId,
        kind: notice.kind,
        subject_id: notice.proposalId,
        created_at: notice.at,
        read_at: null,
      })),
  );
}
