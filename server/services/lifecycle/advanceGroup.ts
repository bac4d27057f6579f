import { nextStage, type Stage } from '../../../core/domain/lifecycle';
import { countMeetingsHeld } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { moveStage } from '../../stages/moveStage';

/** Moves the group on if its meetings say so; the stage it moved to, or null. */
export async function advanceGroup(deps: Deps, write: GroupWrite): Promise<Stage | null> {
  const { trx, groupId, group, at } = write;
  const held = await countMeetingsHeld(trx, groupId, at);
  const next = nextStage({ stage: group.stage, meetingsHeld: held, reviewAt: group.review_at });
  if (!next) return null;
  await moveStage(deps, write, {
    to: next,
    actorId: null,
    reason: next === 'active' ? 'first_meeting' : 'planned_held',
    meetingsHeld: held,
  });
  return next;
}
