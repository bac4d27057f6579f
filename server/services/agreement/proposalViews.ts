/** How proposals to change the agreement are presented to members. */
import {
  applyChange,
  changeSubject,
  diffItems,
  type ItemDiff,
} from '../../../core/domain/agreement';
import { AppError } from '../../../core/errors';
import type { ProposalDetail, ProposalSummary } from '../../../core/protocol/agreement';
import type { ResponseView } from '../../../core/protocol/consent';
import { allows, type GroupAccess } from '../../access/requireGroupAccess';
import { tallyOf } from '../../consent/tally';
import {
  findProposal,
  listEarlierRounds,
  listResponses,
  type ProposalRow,
  type ResponseRow,
} from '../../db/queries/agreementProposals';
import { findLatestVersion, findVersion } from '../../db/queries/agreementVersions';
import { listMembers } from '../../db/queries/memberships';
import type { Deps } from '../../deps';

export function toSummary(
  row: ProposalRow & { proposer_name: string },
  currentRound: readonly ResponseRow[],
  viewerId: string,
): ProposalSummary {
  return {
    id: row.id,
    kind: row.kind,
    subject: changeSubject(row.change),
    proposerName: row.proposer_name,
    status: row.status,
    round: row.round,
    createdAt: row.created_at,
    deadlineAt: row.deadline_at,
    objections: currentRound.filter((r) => r.response === 'object').length,
    needsMyResponse: row.status === 'open' && !currentRound.some((r) => r.user_id === viewerId),
  };
}

/** Diffs as the API sends them. */
export function toDiffDtos(diff: readonly ItemDiff[]) {
  return diff.map((d) =>
    d.change === 'changed' ? { change: d.change, before: d.before, after: d.after } : d,
  );
}

/**
 * A proposal as a member sees it: the change and what it would do to the agreement, the
 * rule applied to it now, everyone's responses (current members; those who have not
 * answered show as waiting), earlier rounds, and what the viewer may do.
 */
export async function loadProposalDetail(
  deps: Deps,
  access: GroupAccess,
  proposalId: string,
): Promise<ProposalDetail> {
  const { group } = access;
  const viewerId = access.viewer?.userId ?? '';
  const proposal = await findProposal(deps.db, group.id, proposalId);
  if (!proposal) throw new AppError('not_found', 'We could not find that proposal.');
  // Read afresh: this often follows a write, after which the access's snapshot is old.
  const [members, responses, earlier] = await Promise.all([
    listMembers(deps.db, group.id),
    listResponses(deps.db, proposal.id),
    listEarlierRounds(deps.db, proposal.id),
  ]);
  const inRound = (round: number) => responses.filter((r) => r.round === round);
  const current = inRound(proposal.round);
  const byUser = new Map(current.map((r) => [r.user_id, r]));
  const responseViews: ResponseView[] = members.map((m) => {
    const r = byUser.get(m.user_id);
    return {
      userId: m.user_id,
      displayName: m.display_name,
      response: r?.response ?? null,
      note: r?.note ?? null,
      respondedAt: r?.responded_at ?? null,
    };
  });
  const { view } = tallyOf({
    memberIds: members.map((m) => m.user_id),
    responses: current,
    deadlineAt: proposal.deadline_at,
    now: deps.now(),
  });

  // Before and after: the version the change was adopted into, or the current one.
  const adopted = proposal.result_version;
  const base =
    adopted === null
      ? (await findLatestVersion(deps.db, group.id))?.items
      : adopted > 1
        ? (await findVersion(deps.db, group.id, adopted - 1))?.items
        : [];
  const applied = applyChange(base ?? null, proposal.change);
  const preview = applied.ok ? diffItems(base ?? [], applied.items) : [];

  const isProposer = proposal.proposer_id === viewerId;
  const open = proposal.status === 'open';
  const facts = { isProposer };
  return {
    ...toSummary(proposal, current, viewerId),
    groupId: group.id,
    groupName: group.name,
    change: proposal.change,
    reason: proposal.reason,
    proposerId: proposal.proposer_id,
    closedAt: proposal.closed_at,
    closeNote: proposal.close_note,
    closeReason: proposal.close_reason,
    resultVersion: proposal.result_version,
    preview: toDiffDtos(preview),
    decision: view,
    responses: responseViews,
    myResponse: byUser.get(viewerId)?.response ?? null,
    earlierRounds: earlier.map((r) => ({
      round: r.round,
      change: r.change,
      reason: r.reason,
      responses: inRound(r.round).map((x) => ({
        userId: x.user_id,
        displayName: x.display_name,
        response: x.response,
        note: x.note,
        respondedAt: x.responded_at,
      })),
    })),
    can: {
      respond: open && allows(access, 'agreement.respond', facts),
      revise: open && allows(access, 'agreement.revise', facts),
      withdraw: open && allows(access, 'agreement.withdraw', facts),
      // A steward's own proposal is theirs to withdraw, not to close.
      close: open && !isProposer && allows(access, 'agreement.close', facts),
    },
  };
}
