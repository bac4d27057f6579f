import { seatsLeft } from '../../../core/domain/groupSize';
import type { InvitePreview } from '../../../core/protocol/invites';
import { groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findMeeting } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { hideAddress, sameAddress } from '../../security/addresses';
import { buildJoiningView } from '../joining/joiningView';
import { openInvite } from './openInvite';

/** The meeting an invitation to observe is for, as its holder may know it: when, nothing else. */
async function meetingOf(deps: Deps, meetingId: string | null): Promise<InvitePreview['meeting']> {
  if (!meetingId) return null;
  const meeting = await findMeeting(deps.db, meetingId);
  return meeting
    ? { id: meeting.id, startsAt: meeting.starts_at, timeZone: meeting.time_zone }
    : null;
}

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
    meeting: await meetingOf(deps, invite.meeting_id),
    sentTo: invite.sent_to
      ? {
          hint: hideAddress(invite.sent_to),
          isYou: viewer ? sameAddress(viewer.email, invite.sent_to) : null,
        }
      : null,
    joining: await buildJoiningView(deps, group, viewer?.userId ?? null),
  };
}
