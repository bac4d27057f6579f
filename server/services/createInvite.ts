import type { z } from 'zod';
import type { CreatedInvite, createInviteBody } from '../../core/protocol/api';
import { insertInvite } from '../db/queries/invites';
import { newId, newToken, sha256 } from '../security/tokens';
import type { Deps, Viewer } from './deps';
import { authorize, findVisibleGroup } from './findVisibleGroup';
import { recordAudit } from './recordAudit';

const DEFAULT_EXPIRY_DAYS = 7;

/**
 * Makes an invitation link. The token is shown once, in the link; only its hash is kept,
 * so a lost link is replaced by making a new one.
 */
export async function createInvite(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof createInviteBody>,
): Promise<CreatedInvite> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'invite', 'Only the group’s stewards can invite people.');
  const token = newToken();
  const id = newId();
  const now = deps.now();
  const expiresAt = new Date(
    now.getTime() + (input.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * 86_400_000,
  );
  await deps.db.transaction().execute(async (trx) => {
    await insertInvite(trx, {
      id,
      group_id: groupId,
      token_hash: sha256(token),
      created_by: viewer.userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      max_uses: input.maxUses ?? null,
    });
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
    url: `${deps.config.publicUrl}/invite/${token}`,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    maxUses: input.maxUses ?? null,
    uses: 0,
    createdBy: viewer.displayName,
  };
}
