import type { InviteItem } from '../../core/protocol/api';
import { listUsableInvites } from '../db/queries/invites';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';

/** The group's invitations that can still be used; stewards only. */
export async function listInvites(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<InviteItem[]> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'manageInvites', 'Only the group’s stewards can see its invitations.');
  const rows = await listUsableInvites(deps.db, groupId, deps.now().toISOString());
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    maxUses: r.max_uses,
    uses: r.uses,
    createdBy: r.created_by_name,
    sentTo: r.sent_to,
  }));
}
