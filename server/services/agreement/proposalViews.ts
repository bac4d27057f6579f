import type { Kysely } from 'kysely';
import {
  applyChange,
  describeChange,
  diffItems,
  type ItemDiff,
} from '../../../core/domain/agreement';
import { type ConsentResponse, decide } from '../../../core/domain/consent';
import { AppError } from '../../../core/errors';
import type {
  ProposalDetail,
  ProposalSummary,
  ResponseView,
} from '../../../core/protocol/agreement';
import {
  findProposal,
  listEarlierRounds,
  listResponses,
  type ProposalRow,
  type ResponseRow,
} from '../../db/queries/agreementProposals';
import { findLatestVersion, findVersion } from '../../db/queries/agreementVersions';
import { listMembers } from '../../db/queries/memberships';
import type { Database } from '../../db/tables';
import { agreementPolicy } from '../../policies/agreement';
import type { GroupViewerRole } from '../../policies/groups';
import type { Deps } from '../deps';
import type { VisibleGroup } from '../findVisibleGroup';
import { changeOf, itemsOf } from './agreementItems';

export function toSummary(
  row: ProposalRow & { proposer_name: string },
  currentRound: readonly ResponseRow[],
  viewerId: string,
): ProposalSummary {
  return {
    id: row.id,
    kind: row.kind,
    summary: describeChange(changeOf(row)),
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
export async function buildProposalDetail(
  db: Kysely<Database>,
  proposal: ProposalRow & { proposer_name: string },
  group: { id: string; name: string },
  viewer: { userId: string; role: GroupViewerRole },
  now: Date,
): Promise<ProposalDetail> {
  const [members, responses, earlier] = await Promise.all([
    listMembers(db, group.id),
    listResponses(db, proposal.id),
    listEarlierRounds(db, proposal.id),
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
  const outcome = decide({
    activeMemberIds: members.map((m) => m.user_id),
    responses: new Map(current.map((r) => [r.user_id, r.response as ConsentResponse])),
    deadlineMs: Date.parse(proposal.deadline_at),
    nowMs: now.getTime(),
  });

  // Before and after: the version the change was adopted into, or the current one.
  const change = changeOf(proposal);
  const adopted = proposal.result_version;
  const base =
    adopted === null
      ? itemsOf(await findLatestVersion(db, group.id))
      : adopted > 1
        ? itemsOf(await findVersion(db, group.id, adopted - 1))
        : [];
  const applied = applyChange(base, change);
  const preview = applied.ok ? diffItems(base ?? [], applied.items) : [];

  const isProposer = proposal.proposer_id === viewer.userId;
  const open = proposal.status === 'open';
  const facts = { isProposer };
  return {
    ...toSummary(proposal, current, viewer.userId),
    groupId: group.id,
    groupName: group.name,
    change,
    reason: proposal.reason,
    proposerId: proposal.proposer_id,
    closedAt: proposal.closed_at,
    closeNote: proposal.close_note,
    resultVersion: proposal.result_version,
    preview: toDiffDtos(preview),
    decision: {
      state: outcome.state,
      why: outcome.why,
      active: outcome.tally.active,
      agree: outcome.tally.agree,
      standAside: outcome.tally.standAside,
      object: outcome.tally.object,
      waiting: outcome.tally.waitingFor.length,
      quorumNeeded: outcome.tally.quorumNeeded,
    },
    responses: responseViews,
    myResponse: byUser.get(viewer.userId)?.response ?? null,
    earlierRounds: earlier.map((r) => ({
      round: r.round,
      change: changeOf(r),
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
      respond: open && agreementPolicy.respond(viewer.role, facts),
      revise: open && agreementPolicy.revise(viewer.role, facts),
      withdraw: open && agreementPolicy.withdraw(viewer.role, facts),
      // A steward's own proposal is theirs to withdraw, not to close.
      close: open && !isProposer && agreementPolicy.close(viewer.role, facts),
    },
  };
}

/** Reads a proposal afresh and builds what the viewer sees of it. */
export async function loadProposalDetail(
  deps: Deps,
  visible: VisibleGroup,
  viewerId: string,
  proposalId: string,
): Promise<ProposalDetail> {
  const proposal = await findProposal(deps.db, visible.group.id, proposalId);
  if (!proposal) throw new AppError('not_found', 'We could not find that proposal.');
  return buildProposalDetail(
    deps.db,
    proposal,
    visible.group,
    { userId: viewerId, role: visible.role },
    deps.now(),
  );
}
