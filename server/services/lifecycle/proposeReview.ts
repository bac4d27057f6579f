import type { ReviewOption } from '../../../core/domain/lifecycle';
import { AppError } from '../../../core/errors';
import type { LifecycleView } from '../../../core/protocol/lifecycle';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { openDecision } from '../../consent/openDecision';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getLifecycle } from './getLifecycle';

/** Any member proposes the review's outcome: continue as is, with changes, or adjourn. */
export async function proposeReview(
  deps: Deps,
  viewer: Viewer,
  input: {
    groupId: string;
    option: ReviewOption;
    plannedMeetings?: number | null | undefined;
    changes: string | null;
    deadlineDays?: number | undefined;
  },
): Promise<LifecycleView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'decision.proposeReview');
  await withGroupLock(deps, input.groupId, async (write) => {
    if (write.group.stage !== 'review') {
      throw new AppError(
        'group.stage',
        'The group reviews itself once its planned meetings have been held; that time has not come yet.',
      );
    }
    await openDecision(deps, write, viewer, {
      kind: 'review',
      proposal: {
        option: input.option,
        plannedMeetings: input.option === 'adjourn' ? null : (input.plannedMeetings ?? null),
        changes: input.option === 'change' ? input.changes : null,
      },
      deadlineDays: input.deadlineDays,
    });
  });
  return getLifecycle(deps, viewer, input);
}
