/**
 * A group's life: Hearth moves it on by itself at its first meeting and when the planned
 * meetings have been held; the review decision moves it to continuing or adjourned. Every
 * step is recorded with who (or Hearth), when and why.
 */
import { canMove, type Stage, type StageReason } from '../../core/domain/lifecycle';
import { recordAudit } from '../audit/recordAudit';
import { lapseOpenProposalsOfGroup } from '../db/queries/agreementProposals';
import { closeApplicationsOfGroup } from '../db/queries/applications';
import { lapseOpenDecisionsOfGroup } from '../db/queries/decisions';
import { setStage } from '../db/queries/groups';
import { cancelMeetingsAhead } from '../db/queries/meetings';
import { listMemberIds } from '../db/queries/memberships';
import { insertStageChange } from '../db/queries/stageChanges';
import { deleteWaitlistOfGroup } from '../db/queries/waitlist';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';
import { notify } from '../notifications/notify';
import { newId } from '../security/tokens';

/**
 * Moves the group to a new stage and records it. Adjourning cancels the meetings ahead,
 * empties the waitlist, and closes applications and decisions still waiting.
 */
export async function moveStage(
  deps: Deps,
  write: GroupWrite,
  move: {
    to: Stage;
    actorId: string | null;
    reason: StageReason;
    /** Meetings held, for the "time to review" reason. */
    meetingsHeld?: number;
    /** People's own words about the step (the changes a review agreed). */
    note?: string | null;
  },
): Promise<void> {
  const { trx, groupId, group, at } = write;
  if (!canMove(group.stage, move.to)) return;
  await setStage(trx, groupId, move.to, at);
  await insertStageChange(trx, {
    id: newId(),
    group_id: groupId,
    from_stage: group.stage,
    to_stage: move.to,
    at,
    actor_id: move.actorId,
    note: move.note ?? null,
    reason: move.reason,
    meetings_held: move.meetingsHeld ?? null,
  });
  await recordAudit(trx, { at, actorId: move.actorId, groupId, action: 'group.stage' });
  if (move.to === 'adjourned') {
    await cancelMeetingsAhead(trx, groupId, at, 'group_adjourned');
    await deleteWaitlistOfGroup(trx, groupId);
    await closeApplicationsOfGroup(trx, groupId, at);
    await lapseOpenDecisionsOfGroup(trx, groupId, at);
    await lapseOpenProposalsOfGroup(trx, groupId, at);
  }
  await notify(deps, trx, await listMemberIds(trx, groupId), {
    groupId,
    kind: 'group.stage',
    subjectId: groupId,
    at,
  });
  // Later steps in the same transaction see the group where it now is.
  write.group = { ...group, stage: move.to, stage_changed_at: at };
}
