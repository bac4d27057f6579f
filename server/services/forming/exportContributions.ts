import { AppError } from '../../../core/errors';
import { listMyContributions } from '../../db/queries/forming';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup } from '../findVisibleGroup';

/**
 * Everything the viewer put into a group, as JSON they can keep: their answers about the
 * purpose, their responses to decisions, the agreement changes they proposed and their
 * responses, their RSVPs and attendance. Other people's words are not included.
 */
export async function exportContributions(deps: Deps, viewer: Viewer, groupId: string) {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can export from it.');
  }
  const mine = await listMyContributions(deps.db, groupId, viewer.userId);
  return {
    group: { id: groupId, name: visible.group.name, purpose: visible.group.purpose },
    person: viewer.displayName,
    exportedAt: deps.now().toISOString(),
    purposeAnswers: mine.purposeAnswers.map((a) => ({ answer: a.answer, at: a.answered_at })),
    decisionResponses: mine.decisionResponses.map((r) => ({
      about: r.kind,
      proposal: JSON.parse(r.proposal) as unknown,
      response: r.response,
      note: r.note,
      at: r.responded_at,
    })),
    agreementProposals: mine.proposals.map((p) => ({
      kind: p.kind,
      change: JSON.parse(p.change) as unknown,
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
