import type { Kysely } from 'kysely';
import { listMemberIds } from '../../db/queries/memberships';
import type { Database, NotificationsTable } from '../../db/tables';
import { notify } from '../forming/notify';

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
  await notify(
    db,
    members.filter((id) => id !== notice.except),
    { groupId: notice.groupId, kind: notice.kind, subjectId: notice.proposalId, at: notice.at },
  );
}
