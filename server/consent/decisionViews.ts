import type { ConsentResponse } from '../../core/domain/consent';
import type { GroupDecision } from '../../core/protocol/decisions';
import { allows, type GroupAccess } from '../access/requireGroupAccess';
import { type DecisionRow, listDecisionResponses } from '../db/queries/decisions';
import { listMemberIds } from '../db/queries/memberships';
import { listContacts } from '../db/queries/users';
import type { Deps } from '../deps';
import { tallyOf } from './tally';

/** Decisions of one group as a member sees them, with everyone's responses. */
export async function decisionViews(
  deps: Deps,
  access: GroupAccess,
  rows: readonly DecisionRow[],
): Promise<GroupDecision[]> {
  if (rows.length === 0) return [];
  const now = deps.now();
  const viewerId = access.viewer?.userId ?? null;
  const [responses, names, members] = await Promise.all([
    listDecisionResponses(
      deps.db,
      rows.map((r) => r.id),
    ),
    listContacts(
      deps.db,
      rows.flatMap((r) => (r.proposer_id ? [r.proposer_id] : [])),
    ),
    listMemberIds(deps.db, access.group.id),
  ]);
  return rows.map((row) => {
    const mine = responses.filter((r) => r.decision_id === row.id);
    const { view } = tallyOf({
      memberIds: members,
      responses: mine,
      deadlineAt: row.deadline_at,
      now,
    });
    const { proposal } = row;
    const open = row.status === 'open';
    return {
      id: row.id,
      groupId: row.group_id,
      kind: row.kind,
      status: row.status,
      proposerName: names.find((n) => n.userId === row.proposer_id)?.displayName ?? null,
      purpose: 'purpose' in proposal ? proposal.purpose : null,
      review: 'option' in proposal ? proposal : null,
      createdAt: row.created_at,
      deadlineAt: row.deadline_at,
      closedAt: row.closed_at,
      decision: view,
      responses: mine.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        response: r.response as ConsentResponse,
        note: r.note,
        respondedAt: r.responded_at,
      })),
      myResponse: (mine.find((r) => r.user_id === viewerId)?.response as ConsentResponse) ?? null,
      can: {
        respond: open && allows(access, 'decision.respond'),
        withdraw:
          open && allows(access, 'decision.withdraw', { isProposer: row.proposer_id === viewerId }),
      },
    };
  });
}
