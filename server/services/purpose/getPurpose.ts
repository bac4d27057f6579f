import { collate, markUp } from '../../../core/domain/collate';
import type { PurposeView } from '../../../core/protocol/purpose';
import { allows, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { decisionViews } from '../../consent/decisionViews';
import { listDecisions } from '../../db/queries/decisions';
import { listPurposeAnswers, listPurposeVersions } from '../../db/queries/purpose';
import type { Deps } from '../../deps';

/**
 * The purpose, drafted from the members: where the group's purpose stands, the answers
 * (stewards see everyone's, with the words they share marked), and the consent round.
 */
export async function getPurpose(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<PurposeView> {
  const { groupId } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'decision.read');
  const { group } = access;
  const open = group.stage !== 'adjourned';
  const [answers, decisionRows, history] = await Promise.all([
    listPurposeAnswers(deps.db, groupId),
    listDecisions(deps.db, groupId, 'purpose'),
    listPurposeVersions(deps.db, groupId),
  ]);
  const seesAll = allows(access, 'decision.draftPurpose');
  const { shared, highlights } = collate(answers.map((a) => a.answer));
  const decisions = await decisionViews(deps, access, decisionRows.slice(0, 10));
  const openDecision = decisions.find((d) => d.status === 'open') ?? null;
  return {
    groupId,
    groupName: group.name,
    current: group.purpose,
    history: history.map((v) => ({
      version: v.version,
      purpose: v.purpose,
      adoptedAt: v.adopted_at,
    })),
    askedAt: group.purpose_asked_at,
    myAnswer: answers.find((a) => a.user_id === viewer.userId)?.answer ?? null,
    answers: seesAll
      ? answers.map((a, i) => ({
          displayName: a.display_name,
          answer: a.answer,
          pieces: markUp(a.answer, highlights[i] ?? []),
        }))
      : null,
    shared: seesAll ? shared : null,
    answerCount: answers.length,
    memberCount: group.member_count,
    openDecision,
    lastDecision: decisions.find((d) => d.status !== 'open') ?? null,
    can: {
      ask: open && allows(access, 'decision.askPurpose'),
      answer: open && group.purpose_asked_at !== null && allows(access, 'decision.answerPurpose'),
      draft: open && seesAll && openDecision === null,
    },
  };
}
