import { seatsLeft } from '../../../core/domain/groupSize';
import type { InvitePreview } from '../../../core/protocol/invites';
import { groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { hideAddress, sameAddress } from '../../security/addresses';
import { buildJoiningView } from '../joining/joiningView';
import { openInvite } from './openInvite';

/**
 * What an invitation is for, shown to whoever holds the link (signed in or not): the link
 * itself is the permission to see the group's name and purpose, never its members.
 */
export async function previewInvite(
  deps: Deps,
  viewer: Viewer | null,
  input: { token: string },
): Promise<InvitePreview> {
  const invite = await openInvite(deps.db, input.token, deps.now());
  const { group } = await groupAccess(deps, viewer, invite.group_id, { invited: true });
  return {
    id: invite.id,
    group: {
      id: group.id,
      name: group.name,
      purpose: group.purpose,
      description: group.description,
      memberCount: group.member_count,
      sizeCap: group.size_cap,
      seatsLeft: seatsLeft(group.size_cap, group.member_count),
    },
    invitedBy: invite.created_by_name,
    expiresAt: invite.expires_at,
    alreadyMember: group.my_role !== null,
    role: invite.role ?? 'member',
    sentTo: invite.sent_to
      ? {
          hint: hideAddress(invite.sent_to),
          isYou: viewer ? sameAddress(viewer.email, invite.sent_to) : null,
        }
      : null,
    joining: await buildJoiningView(deps, group, viewer?.userId ?? null),
  };
}
