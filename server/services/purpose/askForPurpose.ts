import type { PurposeView } from '../../../core/protocol/purpose';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { clearPurposeAnswers, setPurposeAsked } from '../../db/queries/purpose';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { membersOf, notify } from '../../notifications/notify';
import { getPurpose } from './getPurpose';

/** A steward asks the members what they understand the purpose to be (a fresh round). */
export async function askForPurpose(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<PurposeView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'decision.askPurpose');
  await withGroupLock(deps, input.groupId, async ({ trx, groupId, at }) => {
    await clearPurposeAnswers(trx, groupId);
    await setPurposeAsked(trx, groupId, at);
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'purpose.asked' });
    const members = await membersOf(trx, groupId);
    await notify(deps, trx, members.except(viewer.userId), {
      groupId,
      kind: 'purpose.asked',
      subjectId: groupId,
      at,
    });
  });
  return getPurpose(deps, viewer, input);
}
