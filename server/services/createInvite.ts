import type { z } from 'zod';
import type { CreatedInvite, createInviteBody } from '../../core/protocol/api';
import { insertInvite } from '../db/queries/invites';
import { invitationMail } from '../mail/messages';
import { spendAttempt } from '../security/rateLimit';
import { newId, newToken, sha256 } from '../security/tokens';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';
import { refuseIfAdjourned } from './forming/lockOpenGroup';
import { queueMail } from './mail/queueMail';
import { recordAudit } from './recordAudit';

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
  groupId: string,
  input: z.output<typeof createInviteBody>,
): Promise<CreatedInvite> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'invite', 'Only the group’s stewards can invite people.');
  refuseIfAdjourned(visible.group.stage);
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
  const now = deps.now();
  const expiresAt = new Date(
    now.getTime() + (input.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * 86_400_000,
  );
  const maxUses = input.maxUses ?? (input.email ? 1 : null);
  const url = `${deps.config.publicUrl}/invite/${token}`;
  await deps.db.transaction().execute(async (trx) => {
    await insertInvite(trx, {
      id,
      group_id: groupId,
      token_hash: sha256(token),
      created_by: viewer.userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      max_uses: maxUses,
      sent_to: input.email ?? null,
    });
    if (input.email) {
      await queueMail(trx, {
        publicUrl: deps.config.publicUrl,
        to: [{ userId: null, email: input.email, displayName: null }],
        kind: 'invitation',
        at: now.toISOString(),
        write: (context) =>
          invitationMail(context, {
            groupName: visible.group.name,
            invitedBy: viewer.displayName,
            url,
            expires: formatDate(expiresAt),
          }),
      });
    }
    await recordAudit(trx, {
      at: now.toISOString(),
      actorId: viewer.userId,
      groupId,
      action: 'invite.created',
      subjectId: id,
    });
  });
  return {
    id,
    groupId,
    token,
    url,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    maxUses,
    uses: 0,
    createdBy: viewer.displayName,
    sentTo: input.email ?? null,
  };
}

/** "Tuesday 1 December": the day an invitation stops working. */
function formatDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(instant);
}
