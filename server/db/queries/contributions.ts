/**
 * SQL for one person's own contributions to a group, for them to download: what they wrote
 * and answered across the group's tables, never other people's words.
 */
import type { Kysely } from 'kysely';
import { parseColumn, storedChange, storedDecisionProposal } from '../jsonColumns';
import type { Database } from '../tables';

export async function listMyContributions(db: Kysely<Database>, groupId: string, userId: string) {
  const purposeAnswers = await db
    .selectFrom('purpose_answers')
    .select(['answer', 'answered_at'])
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
  const decisionResponses = await db
    .selectFrom('group_decision_responses as r')
    .innerJoin('group_decisions as d', 'd.id', 'r.decision_id')
    .select(['d.kind', 'd.proposal', 'r.response', 'r.note', 'r.responded_at'])
    .where('d.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('r.responded_at')
    .execute();
  const proposals = await db
    .selectFrom('agreement_proposals')
    .select(['kind', 'change', 'reason', 'status', 'created_at'])
    .where('group_id', '=', groupId)
    .where('proposer_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const agreementResponses = await db
    .selectFrom('agreement_responses as r')
    .innerJoin('agreement_proposals as p', 'p.id', 'r.proposal_id')
    .select(['p.kind', 'p.reason', 'r.round', 'r.response', 'r.note', 'r.responded_at'])
    .where('p.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('r.responded_at')
    .execute();
  const rsvps = await db
    .selectFrom('rsvps as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['m.starts_at', 'r.response', 'r.note', 'r.updated_at'])
    .where('m.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  const attendance = await db
    .selectFrom('attendance as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.starts_at', 'a.status', 'a.arrived_at'])
    .where('m.group_id', '=', groupId)
    .where('a.user_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  return {
    purposeAnswers,
    decisionResponses: decisionResponses.map((r) => ({
      ...r,
      proposal: parseColumn(storedDecisionProposal, r.proposal, 'group_decisions.proposal'),
    })),
    proposals: proposals.map((p) => ({
      ...p,
      change: parseColumn(storedChange, p.change, 'agreement_proposals.change'),
    })),
    agreementResponses,
    rsvps,
    attendance,
  };
}
