import type { Kysely } from 'kysely';
import { nextStage, type Stage } from '../../../core/domain/lifecycle';
import { findGroup, type GroupRow } from '../../db/queries/groups';
import { countMeetingsHeld } from '../../db/queries/meetings';
import type { Database } from '../../db/tables';
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { moveStage } from '../../stages/moveStage';

/** The stage the group's meetings say it should move to (and how many were held), if any. */
async function stageDue(
  db: Kysely<Database>,
  group: Pick<GroupRow, 'id' | 'stage' | 'review_at'>,
  at: string,
): Promise<{ next: Stage; held: number } | null> {
  const held = await countMeetingsHeld(db, group.id, at);
  const next = nextStage({ stage: group.stage, meetingsHeld: held, reviewAt: group.review_at });
  return next ? { next, held } : null;
}

/**
 * Whether the group looks due to move on, read without its lock: a job asks this first so that
 * a group with nothing to do is not locked, and its views and live rooms are not made to look
 * again. Under the lock, `advanceGroup` decides.
 */
export async function mayAdvance(deps: Deps, groupId: string, at: string): Promise<boolean> {
  // An adjourned group has no next stage (nextStage), so it is never locked here either.
  const group = await findGroup(deps.db, groupId);
  return group !== undefined && (await stageDue(deps.db, group, at)) !== null;
}

/** Moves the group on if its meetings say so; the stage it moved to, or null. */
export async function advanceGroup(deps: Deps, write: GroupWrite): Promise<Stage | null> {
  const due = await stageDue(write.trx, write.group, write.at);
  if (!due) return null;
  await moveStage(deps, write, {
    to: due.next,
    actorId: null,
    reason: due.next === 'active' ? 'first_meeting' : 'planned_held',
    meetingsHeld: due.held,
  });
  return due.next;
}
