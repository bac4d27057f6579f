import type { NotificationList } from '../../../core/protocol/notifications';
import type { Viewer } from '../../access/viewer';
import { countUnread, listNotifications as listRows } from '../../db/queries/notifications';
import type { Deps } from '../../deps';

/** The viewer's recent notifications and how many are unread. */
export async function listNotifications(deps: Deps, viewer: Viewer): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    listRows(deps.db, viewer.userId),
    countUnread(deps.db, viewer.userId),
  ]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      groupId: n.group_id,
      groupName: n.group_name,
      subjectId: n.subject_id,
      createdAt: n.created_at,
      read: n.read_at !== null,
    })),
  };
}
