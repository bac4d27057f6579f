import type { LifecycleView } from '../../../core/protocol/lifecycle';
import { allows, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { decisionViews } from '../../consent/decisionViews';
import { listDecisions } from '../../db/queries/decisions';
import { countMeetingsHeld } from '../../db/queries/meetings';
import { listStageChanges } from '../../db/queries/stageChanges';
import type { Deps } from '../../deps';

/** The group's life so far, where it stands, and its review, for members. */
export async function getLifecycle(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<LifecycleView> {
  const { groupId } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'group.seeLife');
  const { group } = access;
  const [reviewRows, meetingsHeld, changes] = await Promise.all([
    listDecisions(deps.db, groupId, 'review'),
    countMeetingsHeld(deps.db, groupId, deps.now().toISOString()),
    listStageChanges(deps.db, groupId),
  ]);
  const reviews = await decisionViews(deps, access, reviewRows);
  const open = reviews.find((r) => r.status === 'open') ?? null;
  return {
    groupId,
    groupName: group.name,
    stage: group.stage,
    meetingsHeld,
    plannedMeetings: group.planned_meetings,
    reviewAt: group.review_at,
    changes: changes.map((c) => ({
      from: c.from_stage,
      to: c.to_stage,
      at: c.at,
      by: c.actor_name,
      reason: c.reason,
      held: c.meetings_held,
      note: c.note,
    })),
    openReview: open,
    pastReviews: reviews.filter((r) => r !== open),
    can: {
      proposeReview:
        group.stage === 'review' && open === null && allows(access, 'decision.proposeReview'),
      export: allows(access, 'group.exportOwn'),
    },
  };
}
