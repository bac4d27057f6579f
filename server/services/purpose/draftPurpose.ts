import type { PurposeView } from '../../../core/protocol/purpose';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { openDecision } from '../../consent/openDecision';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getPurpose } from './getPurpose';

/** A steward puts a draft purpose (12 words or fewer) to the group for consent. */
export async function draftPurpose(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; purpose: string; deadlineDays?: number | undefined },
): Promise<PurposeView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'decision.draftPurpose');
  await withGroupLock(deps, input.groupId, (write) =>
    openDecision(deps, write, viewer, {
      kind: 'purpose',
      proposal: { purpose: input.purpose },
      deadlineDays: input.deadlineDays,
    }),
  );
  return getPurpose(deps, viewer, input);
}
