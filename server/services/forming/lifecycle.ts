/**
 * A group's life: Hearth moves it on by itself at its first meeting and when the planned
 * meetings have been held; the review decision (decisions.ts) moves it to continuing or
 * adjourned. Every step is recorded with who (or Hearth) and when.
 */
import type { Kysely } from 'kysely';
import {
  canMove,
  isOpenForChange,
  nextStage,
  REFLECTION_PROMPT,
  type Stage,
} from '../../../core/domain/lifecycle';
import { AppError } from '../../../core/errors';
import type { LifecycleView } from '../../../core/protocol/forming';
import {
  closeJoining,
  countMeetingsHeld,
  insertStageChange,
  listDecisions,
  listGroupsWithMeetingsStarted,
  listStageChanges,
  setStage,
} from '../../db/queries/forming';
import { findGroup, lockGroup, refreshListing } from '../../db/queries/groups';
import { listGroupMeetings, updateMeeting } from '../../db/queries/meetings';
import { listMemberIds } from '../../db/queries/memberships';
import { settingOrInsert, writeSetting } from '../../db/queries/settings';
import type { Database } from '../../db/tables';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup } from '../findVisibleGroup';
import { recordAudit } from '../recordAudit';
import { decisionViews, openDecision, type ReviewChoice } from './decisions';
import { lockOpenGroup } from './lockOpenGroup';
import { notify } from './notify';

/**
 * Moves the group to a new stage and records it. Adjourning cancels the meetings ahead,
 * empties the waitlist and closes applications still waiting. Inside the group's lock.
 */
export async function moveStage(
  deps: Deps,
  trx: Kysely<Database>,
  move: { groupId: string; to: Stage; actorId: string | null; note: string | null; now: Date },
): Promise<void> {
  const group = await findGroup(trx, move.groupId);
  if (!group || !canMove(group.stage, move.to)) return;
  const at = move.now.toISOString();
  await setStage(trx, move.groupId, move.to, at);
  await refreshListing(trx, move.groupId, at);
  await insertStageChange(trx, {
    id: newId(),
    group_id: move.groupId,
    from_stage: group.stage,
    to_stage: move.to,
    at,
    actor_id: move.actorId,
    note: move.note,
  });
  await recordAudit(trx, {
    at,
    actorId: move.actorId,
    groupId: move.groupId,
    action: 'group.stage',
  });
  if (move.to === 'adjourned') await windDown(trx, move.groupId, at);
  await notify(trx, await listMemberIds(trx, move.groupId), {
    groupId: move.groupId,
    kind: 'group.stage',
    subjectId: move.groupId,
    at,
  });
  deps.cache.forgetGroup(move.groupId);
}

async function windDown(trx: Kysely<Database>, groupId: string, at: string): Promise<void> {
  const ahead = await listGroupMeetings(trx, groupId, { from: at, order: 'asc', limit: 1000 });
  for (const meeting of ahead) {
    if (meeting.status !== 'scheduled') continue;
    await updateMeeting(trx, meeting.id, {
      status: 'cancelled',
      change_note: 'The group has adjourned.',
      sequence: meeting.sequence + 1,
    });
  }
  await closeJoining(trx, groupId, at, 'The group has adjourned, so it is not taking new members.');
}

/** Moves one group on if its meetings say so. Inside the group's lock. */
export async function advanceGroup(
  deps: Deps,
  trx: Kysely<Database>,
  groupId: string,
  now: Date,
): Promise<Stage | null> {
  const group = await findGroup(trx, groupId);
  if (!group) return null;
  const held = await countMeetingsHeld(trx, groupId, now.toISOString());
  const next = nextStage({ stage: group.stage, meetingsHeld: held, reviewAt: group.review_at });
  if (!next) return null;
  await moveStage(deps, trx, {
    groupId,
    to: next,
    actorId: null,
    note:
      next === 'active'
        ? 'The first meeting was held.'
        : `The ${held === 1 ? 'planned meeting has' : `${held} planned meetings have`} been held: time to review.`,
    now,
  });
  return next;
}

const CHECKED_UNTIL = 'lifecycle_checked_until';

/**
 * The job: groups whose meetings started since the last run may move on. Every minute on
 * each node; the group lock makes running it twice harmless.
 */
export async function advanceLifecycles(deps: Deps): Promise<number> {
  const now = deps.now();
  const at = now.toISOString();
  const since = JSON.parse(
    await settingOrInsert(deps.db, CHECKED_UNTIL, JSON.stringify('')),
  ) as string;
  const groups = await listGroupsWithMeetingsStarted(deps.db, since, at);
  let moved = 0;
  for (const groupId of groups) {
    await deps.db.transaction().execute(async (trx) => {
      const locked = await lockGroup(trx, groupId, at);
      if (
        locked &&
        isOpenForChange(locked.stage) &&
        (await advanceGroup(deps, trx, groupId, now))
      ) {
        moved += 1;
      }
    });
  }
  await writeSetting(deps.db, CHECKED_UNTIL, JSON.stringify(at));
  return moved;
}

export async function getLifecycle(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<LifecycleView> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can see its history.');
  }
  const { group } = visible;
  const reviews = await decisionViews(
    deps,
    await listDecisions(deps.db, groupId, 'review'),
    viewer.userId,
    visible.role === 'steward',
  );
  const open = reviews.find((r) => r.status === 'open') ?? null;
  return {
    groupId,
    groupName: group.name,
    stage: group.stage,
    meetingsHeld: await countMeetingsHeld(deps.db, groupId, deps.now().toISOString()),
    plannedMeetings: group.planned_meetings,
    reviewAt: group.review_at,
    reflectionPrompt: REFLECTION_PROMPT,
    changes: (await listStageChanges(deps.db, groupId)).map((c) => ({
      from: c.from_stage,
      to: c.to_stage,
      at: c.at,
      by: c.actor_name,
      note: c.note,
    })),
    openReview: open,
    pastReviews: reviews.filter((r) => r !== open),
    can: {
      proposeReview: group.stage === 'review' && open === null,
      export: true,
    },
  };
}

/** Any member proposes the review's outcome: continue as is, with changes, or adjourn. */
export async function proposeReview(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: ReviewChoice & { deadlineDays?: number | undefined },
): Promise<LifecycleView> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can take part in its review.');
  }
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockOpenGroup(trx, groupId, at);
    if (locked.stage !== 'review') {
      throw new AppError(
        'group.stage',
        'The group reviews itself once its planned meetings have been held; that time has not come yet.',
      );
    }
    await openDecision(deps, trx, viewer, {
      groupId,
      kind: 'review',
      proposal: {
        option: input.option,
        plannedMeetings: input.option === 'adjourn' ? null : input.plannedMeetings,
        changes: input.option === 'change' ? input.changes : null,
      },
      ...(input.deadlineDays ? { deadlineDays: input.deadlineDays } : {}),
    });
  });
  return getLifecycle(deps, viewer, groupId);
}
