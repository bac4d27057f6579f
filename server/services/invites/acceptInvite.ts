import { AppError } from '../../../core/errors';
import type { GroupDetail } from '../../../core/protocol/groups';
import { authorize, groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { confirmAddress } from '../../accounts/confirmAddress';
import { forgetPerson } from '../../accounts/forget';
import { recordAudit } from '../../audit/recordAudit';
import { claimInviteUse } from '../../db/queries/invites';
import { addMeetingObserver, observesMeeting } from '../../db/queries/meetingObservers';
import { findMembership } from '../../db/queries/memberships';
import { insertStaff } from '../../db/queries/staff';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { admitMember } from '../../membership/admitMember';
import { hideAddress, sameAddress } from '../../security/addresses';
import { getGroup } from '../groups/getGroup';
import { openInvite } from './openInvite';

/**
 * Joins the group an invitation is for. Accepting twice is harmless: a member who opens
 * their invitation again simply lands in the group. A failed join (the group is full)
 * does not use up the invitation.
 */
export async function acceptInvite(
  deps: Deps,
  viewer: Viewer,
  input: { token: string },
): Promise<GroupDetail> {
  const invite = await openInvite(deps.db, input.token, deps.now());
  const groupId = invite.group_id;
  // The invitation is the way in, even to an invite-only group.
  const access = await groupAccess(deps, viewer, groupId, { invited: true });
  if (access.role !== 'non_member' && access.role !== 'signed_out') {
    // Already in the group (as a peer, or in a staff role): opening it again lands there.
    return getGroup(deps, viewer, { groupId });
  }
  authorize(access, 'group.acceptInvite');
  // An invitation mailed to one person is theirs: the link alone does not let anyone in.
  if (invite.sent_to && !sameAddress(viewer.email, invite.sent_to)) {
    const hint = hideAddress(invite.sent_to);
    throw new AppError(
      'invite.other_address',
      `This invitation was sent to another email address (${hint}). Sign in or sign up with that address.`,
      { params: { hint } },
    );
  }
  await withGroupLock(deps, groupId, async (write) => {
    const current = await openInvite(write.trx, input.token, write.now);
    if (await findMembership(write.trx, groupId, viewer.userId)) return;
    // Accepting an invitation to observe a meeting twice is harmless too.
    if (
      current.meeting_id &&
      (await observesMeeting(write.trx, current.meeting_id, viewer.userId))
    ) {
      return;
    }
    if (!(await claimInviteUse(write.trx, current.id))) {
      throw new AppError(
        'invite.used_up',
        'This invitation has already been used. Ask for a new one.',
      );
    }
    if (current.meeting_id) {
      // An observer of one meeting: no seat, no rota, no staff role; that meeting alone.
      await addMeetingObserver(write.trx, {
        meeting_id: current.meeting_id,
        user_id: viewer.userId,
        invite_id: current.id,
        added_at: write.at,
      });
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId,
        action: 'meeting.observer_added',
        subjectId: current.meeting_id,
      });
    } else if (current.role) {
      // A staff role takes no seat and no place in the rota.
      await insertStaff(write.trx, {
        group_id: groupId,
        user_id: viewer.userId,
        role: current.role,
        added_at: write.at,
      });
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId,
        action: 'staff.added',
        subjectId: viewer.userId,
      });
    } else {
      await admitMember(write, { userId: viewer.userId });
    }
  });
  // An invitation mailed to their address, used by them, shows the address is theirs.
  if (invite.sent_to && !viewer.emailConfirmed) {
    const user = { id: viewer.userId, email: viewer.email };
    if (await confirmAddress(deps.db, user, deps.now())) await forgetPerson(deps, viewer.userId);
  }
  // An observer of one meeting sees the group as its invitation showed it: no more.
  return getGroup(deps, viewer, { groupId }, { invited: invite.meeting_id !== null });
}
