/**
 * The group's own consent decisions beyond its agreement: confirming a purpose, and the
 * review at the end of the planned meetings. The rule is the agreement's (server/consent):
 * adopted when nobody objects and enough agree, by everyone responding or by the deadline;
 * an objection holds it open; too few by the deadline and it lapses.
 */
import { afterReview } from '../../core/domain/lifecycle';
import { recordAudit } from '../audit/recordAudit';
import { closeDecision, type DecisionRow, listDecisionResponses } from '../db/queries/decisions';
import { updateGroup } from '../db/queries/groups';
import { countMeetingsHeld } from '../db/queries/meetings';
import { listMemberIds } from '../db/queries/memberships';
import { insertPurposeVersion, setAdoptedPurpose } from '../db/queries/purpose';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';
import { notify } from '../notifications/notify';
import { moveStage } from '../stages/moveStage';
import { tallyOf } from './tally';

/** Closes the decision if the rule says it is decided, and carries out what was adopted. */
export async function settleDecision(
  deps: Deps,
  write: GroupWrite,
  row: DecisionRow,
): Promise<boolean> {
  if (row.status !== 'open') return false;
  const { trx, now, at } = write;
  const members = await listMemberIds(trx, row.group_id);
  const { outcome } = tallyOf({
    memberIds: members,
    responses: await listDecisionResponses(trx, [row.id]),
    deadlineAt: row.deadline_at,
    now,
  });
  if (outcome.state === 'open') return false;
  const status = outcome.state;
  if (!(await closeDecision(trx, row.id, status, at))) return false;
  await recordAudit(trx, {
    at,
    actorId: null,
    groupId: row.group_id,
    action: status === 'adopted' ? 'decision.adopted' : 'decision.lapsed',
    subjectId: row.id,
  });
  if (status === 'adopted') await carryOut(deps, write, row);
  await notify(deps, trx, await listMemberIds(trx, row.group_id), {
    groupId: row.group_id,
    kind: 'decision.outcome',
    subjectId: row.id,
    at,
  });
  return true;
}

async function carryOut(deps: Deps, write: GroupWrite, row: DecisionRow): Promise<void> {
  const { trx, at } = write;
  const { proposal } = row;
  if (row.kind === 'purpose' && 'purpose' in proposal) {
    await setAdoptedPurpose(trx, row.group_id, proposal.purpose, at);
    await insertPurposeVersion(trx, {
      group_id: row.group_id,
      purpose: proposal.purpose,
      adopted_at: at,
      decision_id: row.id,
    });
    return;
  }
  if (row.kind === 'review' && 'option' in proposal) {
    if (write.group.stage !== 'review') return;
    const held = await countMeetingsHeld(trx, row.group_id, at);
    const next = afterReview(proposal.option, held, proposal.plannedMeetings);
    await updateGroup(trx, row.group_id, {
      review_at: next.reviewAt,
      planned_meetings:
        proposal.option === 'adjourn' ? write.group.planned_meetings : proposal.plannedMeetings,
    });
    await moveStage(deps, write, {
      to: next.stage,
      actorId: row.proposer_id,
      reason:
        proposal.option === 'adjourn'
          ? 'review_adjourn'
          : proposal.option === 'continue'
            ? 'review_continue'
            : 'review_change',
      note: proposal.option === 'change' ? proposal.changes : null,
    });
  }
}
