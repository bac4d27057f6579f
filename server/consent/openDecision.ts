import { DEFAULT_DEADLINE_DAYS } from '../../core/domain/consent';
import { AppError } from '../../core/errors';
import type { Viewer } from '../access/viewer';
import { recordAudit } from '../audit/recordAudit';
import type { DecisionProposal } from '../db/jsonColumns';
import {
  type DecisionRow,
  insertDecision,
  listOpenDecisionsOfGroup,
  upsertDecisionResponse,
} from '../db/queries/decisions';
import type { DecisionKind } from '../db/tables';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';
import { membersOf, notify } from '../notifications/notify';
import { newId } from '../security/tokens';
import { settleDecision } from './settleDecision';

/** Opens a decision for the group; proposing counts as agreeing. Returns its id. */
export async function openDecision(
  deps: Deps,
  write: GroupWrite,
  viewer: Viewer,
  decision: { kind: DecisionKind; proposal: DecisionProposal; deadlineDays?: number | undefined },
): Promise<string> {
  const { trx, groupId, now, at } = write;
  const open = await listOpenDecisionsOfGroup(trx, groupId);
  if (open.some((d) => d.kind === decision.kind)) {
    throw new AppError(
      'decision.open',
      decision.kind === 'purpose'
        ? 'A purpose is already waiting for the group’s responses. Withdraw it first to propose another.'
        : 'A review proposal is already waiting for the group’s responses. Withdraw it first to propose another.',
      { params: { kind: decision.kind } },
    );
  }
  const id = newId();
  const days = decision.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
  const row: DecisionRow = {
    id,
    group_id: groupId,
    kind: decision.kind,
    proposer_id: viewer.userId,
    proposal: decision.proposal,
    status: 'open',
    created_at: at,
    deadline_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
    closed_at: null,
  };
  await insertDecision(trx, row);
  await upsertDecisionResponse(trx, {
    decision_id: id,
    user_id: viewer.userId,
    response: 'agree',
    note: null,
    responded_at: at,
  });
  await recordAudit(trx, {
    at,
    actorId: viewer.userId,
    groupId,
    action: 'decision.proposed',
    subjectId: id,
  });
  const members = await membersOf(trx, groupId);
  await notify(deps, trx, members.except(viewer.userId), {
    groupId,
    kind: 'decision.new',
    subjectId: id,
    at,
  });
  await settleDecision(deps, write, row);
  return id;
}
