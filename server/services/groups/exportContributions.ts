import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listMyContributions } from '../../db/queries/contributions';
import type { Deps } from '../../deps';

/**
 * Everything the viewer put into a group, as JSON they can keep: their answers about the
 * purpose, their responses to decisions, the agreement changes they proposed and their
 * responses, their RSVPs and attendance. Other people's words are not included.
 */
export async function exportContributions(deps: Deps, viewer: Viewer, input: { groupId: string }) {
  const { group } = await requireGroupAccess(deps, viewer, input.groupId, 'group.exportOwn');
  const mine = await listMyContributions(deps.db, input.groupId, viewer.userId);
  return {
    group: { id: input.groupId, name: group.name, purpose: group.purpose },
    person: viewer.displayName,
    exportedAt: deps.now().toISOString(),
    purposeAnswers: mine.purposeAnswers.map((a) => ({ answer: a.answer, at: a.answered_at })),
    decisionResponses: mine.decisionResponses.map((r) => ({
      about: r.kind,
      proposal: r.proposal,
      response: r.response,
      note: r.note,
      at: r.responded_at,
    })),
    agreementProposals: mine.proposals.map((p) => ({
      kind: p.kind,
      change: p.change,
      reason: p.reason,
      status: p.status,
      at: p.created_at,
    })),
    agreementResponses: mine.agreementResponses.map((r) => ({
      proposalKind: r.kind,
      proposalReason: r.reason,
      round: r.round,
      response: r.response,
      note: r.note,
      at: r.responded_at,
    })),
    rsvps: mine.rsvps.map((r) => ({
      meeting: r.starts_at,
      response: r.response,
      note: r.note,
      at: r.updated_at,
    })),
    attendance: mine.attendance.map((a) => ({
      meeting: a.starts_at,
      status: a.status,
      arrivedAt: a.arrived_at,
    })),
  };
}
