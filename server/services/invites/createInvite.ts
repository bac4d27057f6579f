import type { z } from 'zod';
import { fieldError } from '../../../core/errors';
import type { CreatedInvite, createInviteBody } from '../../../core/protocol/invites';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { insertInvite } from '../../db/queries/invites';
import { findMeeting } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { formatDay } from '../../mail/formatWhen';
import { invitationMail } from '../../mail/messages';
import { queueMail } from '../../mail/queueMail';
import { spendAttempt } from '../../security/rateLimit';
import { newId, newToken, sha256 } from '../../security/tokens';

const DEFAULT_EXPIRY_DAYS = 7;
/** Invitations one person may send by mail in a rate-limit window: enough for a group. */
const MAILED_INVITES_PER_WINDOW = 20;

/**
 * Makes an invitation link. The token is shown once, in the link; only its hash is kept,
 * so a lost link is replaced by making a new one. With an email address, the link is also
 * mailed (through the outbox, in the same transaction) and is for that one person.
 */
export async function createInvite(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof createInviteBody>,
): Promise<CreatedInvite> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'group.invite');
  if (input.meetingId) await requireObservable(deps, groupId, input.meetingId, input.role);
  if (input.email) {
    await spendAttempt(deps, [
      {
        key: `invite-mail:${viewer.userId}`,
        max: MAILED_INVITES_PER_WINDOW,
        message: 'You have sent a lot of invitations by email just now.',
      },
    ]);
  }
  const token = newToken();
  const id = newId();
  // An invitation to observe one meeting is for one person, like a mailed one.
  const maxUses = input.maxUses ?? (input.email || input.meetingId ? 1 : null);
  const url = `${deps.config.publicUrl}/invite/${token}`;
  const made = await withGroupLock(deps, groupId, async ({ trx, group, now, at }) => {
    const expiresAt = new Date(
      now.getTime() + (input.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * 86_400_000,
    );
    await insertInvite(trx, {
      id,
      group_id: groupId,
      token_hash: sha256(token),
      created_by: viewer.userId,
      created_at: at,
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      max_uses: maxUses,
      sent_to: input.email ?? null,
      role: input.role === 'member' ? null : input.role,
      meeting_id: input.meetingId ?? null,
    });
    if (input.email) {
      await queueMail(trx, {
        publicUrl: deps.config.publicUrl,
        to: [{ userId: null, email: input.email, displayName: null }],
        kind: 'invitation',
        at,
        groupId,
        write: (context) =>
          invitationMail(context, {
            groupName: group.name,
            invitedBy: viewer.displayName,
            url,
            expires: formatDay(expiresAt),
            ...(input.role === 'member' ? {} : { role: input.role }),
          }),
      });
    }
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'invite.created',
      subjectId: id,
    });
    return { createdAt: at, expiresAt: expiresAt.toISOString() };
  });
  return {
    id,
    groupId,
    token,
    url,
    ...made,
    maxUses,
    uses: 0,
    createdBy: viewer.displayName,
    sentTo: input.email ?? null,
    role: input.role,
    meetingId: input.meetingId ?? null,
  };
}

/** An invitation to observe one meeting: for the observer role, to this group's meeting, to come. */
async function requireObservable(
  deps: Deps,
  groupId: string,
  meetingId: string,
  role: string,
): Promise<void> {
  if (role !== 'observer') {
    throw fieldError(
      'meetingId',
      'meeting_observer_only',
      'Only an observer can be invited to one meeting. Choose the observer role.',
    );
  }
  const meeting = await findMeeting(deps.db, meetingId);
  if (!meeting || meeting.group_id !== groupId) {
    throw fieldError(
      'meetingId',
      'meeting_not_in_group',
      'That meeting is not one of this group’s.',
    );
  }
  const ends = Date.parse(meeting.starts_at) + meeting.duration_minutes * 60_000;
  if (meeting.status === 'cancelled' || ends <= deps.now().getTime()) {
    throw fieldError(
      'meetingId',
      'meeting_over',
      'That meeting has been cancelled or is over. Choose one still to come.',
    );
  }
}
