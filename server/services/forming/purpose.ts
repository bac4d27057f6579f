/**
 * The purpose, drafted from the members: a steward asks what people understand the group to
 * be for; Hearth collates the answers (core/domain/collate.ts); the steward drafts a purpose
 * of 12 words or fewer and the group confirms it by consent. Every adopted purpose is kept.
 */
import { collate, markUp } from '../../../core/domain/collate';
import { AppError } from '../../../core/errors';
import type { PurposeView } from '../../../core/protocol/forming';
import {
  clearPurposeAnswers,
  listDecisions,
  listPurposeAnswers,
  listPurposeVersions,
  setPurposeAsked,
  upsertPurposeAnswer,
} from '../../db/queries/forming';
import { listMemberIds } from '../../db/queries/memberships';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup, type VisibleGroup } from '../findVisibleGroup';
import { recordAudit } from '../recordAudit';
import { decisionViews, openDecision } from './decisions';
import { lockOpenGroup } from './lockOpenGroup';
import { notify } from './notify';

async function memberOfGroup(deps: Deps, viewer: Viewer, groupId: string): Promise<VisibleGroup> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can take part in its purpose.');
  }
  return visible;
}

function onlyStewards(visible: VisibleGroup, message: string): void {
  if (visible.role !== 'steward') throw new AppError('forbidden', message);
}

export async function getPurpose(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<PurposeView> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  const { group } = visible;
  const isSteward = visible.role === 'steward';
  const open = group.stage !== 'adjourned';
  const answers = await listPurposeAnswers(deps.db, groupId);
  const { shared, highlights } = collate(answers.map((a) => a.answer));
  const decisions = await decisionViews(
    deps,
    (await listDecisions(deps.db, groupId, 'purpose')).slice(0, 10),
    viewer.userId,
    isSteward,
  );
  const openDecisionView = decisions.find((d) => d.status === 'open') ?? null;
  return {
    groupId,
    groupName: group.name,
    current: group.purpose,
    history: (await listPurposeVersions(deps.db, groupId)).map((v) => ({
      version: v.version,
      purpose: v.purpose,
      adoptedAt: v.adopted_at,
    })),
    askedAt: group.purpose_asked_at,
    myAnswer: answers.find((a) => a.user_id === viewer.userId)?.answer ?? null,
    answers: isSteward
      ? answers.map((a, i) => ({
          displayName: a.display_name,
          answer: a.answer,
          pieces: markUp(a.answer, highlights[i] ?? []),
        }))
      : null,
    shared: isSteward ? shared : null,
    answerCount: answers.length,
    memberCount: group.member_count,
    openDecision: openDecisionView,
    lastDecision: decisions.find((d) => d.status !== 'open') ?? null,
    can: {
      ask: open && isSteward,
      answer: open && group.purpose_asked_at !== null,
      draft: open && isSteward && openDecisionView === null,
    },
  };
}

/** A steward asks the members what they understand the purpose to be (a fresh round). */
export async function askForPurpose(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<PurposeView> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  onlyStewards(visible, 'Only the group’s stewards can ask about its purpose.');
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    await clearPurposeAnswers(trx, groupId);
    await setPurposeAsked(trx, groupId, at);
    await recordAudit(trx, { at, actorId: viewer.userId, groupId, action: 'purpose.asked' });
    const members = await listMemberIds(trx, groupId);
    await notify(
      trx,
      members.filter((m) => m !== viewer.userId),
      { groupId, kind: 'purpose.asked', subjectId: groupId, at },
    );
  });
  deps.cache.forgetGroup(groupId);
  return getPurpose(deps, viewer, groupId);
}

/** A member says in their own words what the group is for (and may change it). */
export async function answerPurpose(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: { answer: string },
): Promise<PurposeView> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  if (visible.group.purpose_asked_at === null) {
    throw new AppError(
      'purpose.not_asking',
      'The group is not collecting answers about its purpose just now.',
    );
  }
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    await upsertPurposeAnswer(trx, {
      group_id: groupId,
      user_id: viewer.userId,
      answer: input.answer,
      answered_at: at,
    });
  });
  return getPurpose(deps, viewer, groupId);
}

/** A steward puts a draft purpose (12 words or fewer) to the group for consent. */
export async function draftPurpose(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: { purpose: string; deadlineDays?: number | undefined },
): Promise<PurposeView> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  onlyStewards(visible, 'Only the group’s stewards can put a purpose to the group.');
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    await openDecision(deps, trx, viewer, {
      groupId,
      kind: 'purpose',
      proposal: { purpose: input.purpose },
      ...(input.deadlineDays ? { deadlineDays: input.deadlineDays } : {}),
    });
  });
  deps.cache.forgetGroup(groupId);
  return getPurpose(deps, viewer, groupId);
}
