import type { InviteItem } from '../../../core/protocol/invites';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listUsableInvites } from '../../db/queries/invites';
import type { Deps } from '../../deps';

/** The group's invitations that can still be used; stewards only. */
export async function listInvites(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<InviteItem[]> {
  await requireGroupAccess(deps, viewer, input.groupId, 'group.manageInvites');
  const rows = await listUsableInvites(deps.db, input.groupId, deps.now().toISOString());
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    maxUses: r.max_uses,
    uses: r.uses,
    createdBy: r.created_by_name,
    sentTo: r.sent_to,
    role: r.role ?? 'member',
    meetingId: r.meeting_id,
  }));
}
