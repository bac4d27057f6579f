/**
 * The group's own consent decisions beyond its agreement: confirming a purpose, and the
 * review at the end of the planned meetings. The rule is the agreement's (core/domain/
 * consent.ts): adopted when nobody objects and enough agree, by everyone responding or by
 * the deadline; an objection holds it open; too few by the deadline and it lapses.
 */
import type { Kysely } from 'kysely';
import { type ConsentResponse, DEFAULT_DEADLINE_DAYS, decide } from '../../../core/domain/consent';
import { afterReview, type ReviewOption } from '../../../core/domain/lifecycle';
import { AppError } from '../../../core/errors';
import type { GroupDecision } from '../../../core/protocol/forming';
import {
  closeDecision,
  countMeetingsHeld,
  type DecisionRow,
  findDecision,
  insertDecision,
  insertPurposeVersion,
  listDecisionResponses,
  listDueDecisions,
  listOpenDecisionsOfGroup,
  setAdoptedPurpose,
  setPlan,
  upsertDecisionResponse,
} from '../../db/queries/forming';
import { findGroup } from '../../db/queries/groups';
import { listMemberIds } from '../../db/queries/memberships';
import { listContacts } from '../../db/queries/users';
import type { Database, DecisionKind } from '../../db/tables';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup } from '../findVisibleGroup';
import { recordAudit } from '../recordAudit';
import { moveStage } from './lifecycle';
import { lockOpenGroup } from './lockOpenGroup';
import { notify } from './notify';

export interface ReviewChoice {
  option: ReviewOption;
  plannedMeetings: number | null;
  changes: string | null;
}

type Proposal = { purpose: string } | ReviewChoice;

const closed = () =>
  new AppError('decision.closed', 'This decision has closed, so responses can no longer change.');

/** Opens a decision; proposing counts as agreeing. Inside the group's lock. */
export async function openDecision(
  deps: Deps,
  trx: Kysely<Database>,
  viewer: Viewer,
  decision: { groupId: string; kind: DecisionKind; proposal: Proposal; deadlineDays?: number },
): Promise<string> {
  const open = await listOpenDecisionsOfGroup(trx, decision.groupId);
  if (open.some((d) => d.kind === decision.kind)) {
    throw new AppError(
      'decision.open',
      decision.kind === 'purpose'
        ? 'A purpose is already waiting for the group’s responses. Withdraw it first to propose another.'
        : 'A review proposal is already waiting for the group’s responses. Withdraw it first to propose another.',
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  const id = newId();
  const days = decision.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
  const row: DecisionRow = {
    id,
    group_id: decision.groupId,
    kind: decision.kind,
    proposer_id: viewer.userId,
    proposal: JSON.stringify(decision.proposal),
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
    groupId: decision.groupId,
    action: 'decision.proposed',
    subjectId: id,
  });
  const members = await listMemberIds(trx, decision.groupId);
  await notify(
    trx,
    members.filter((m) => m !== viewer.userId),
    { groupId: decision.groupId, kind: 'decision.new', subjectId: id, at },
  );
  await settleDecision(deps, trx, row, now);
  return id;
}

async function outcomeOf(db: Kysely<Database>, row: DecisionRow, now: Date) {
  const members = await listMemberIds(db, row.group_id);
  const responses = await listDecisionResponses(db, [row.id]);
  return outcomeFrom(row, members, responses, now);
}

/** The rule applied to members and responses already read. */
function outcomeFrom(
  row: DecisionRow,
  members: readonly string[],
  responses: readonly { user_id: string; response: string }[],
  now: Date,
) {
  return decide({
    activeMemberIds: members,
    responses: new Map(responses.map((r) => [r.user_id, r.response as ConsentResponse])),
    deadlineMs: Date.parse(row.deadline_at),
    nowMs: now.getTime(),
  });
}

/**
 * Closes the decision if the rule says it is decided, and carries out what was adopted.
 * Inside the group's lock. Returns true when it closed.
 */
export async function settleDecision(
  deps: Deps,
  trx: Kysely<Database>,
  row: DecisionRow,
  now: Date,
): Promise<boolean> {
  if (row.status !== 'open') return false;
  const outcome = await outcomeOf(trx, row, now);
  if (outcome.state === 'open') return false;
  const at = now.toISOString();
  const status = outcome.state;
  if (!(await closeDecision(trx, row.id, status, at))) return false;
  await recordAudit(trx, {
    at,
    actorId: null,
    groupId: row.group_id,
    action: status === 'adopted' ? 'decision.adopted' : 'decision.lapsed',
    subjectId: row.id,
  });
  if (status === 'adopted') await carryOut(deps, trx, row, now);
  const members = await listMemberIds(trx, row.group_id);
  await notify(trx, members, {
    groupId: row.group_id,
    kind: 'decision.outcome',
    subjectId: row.id,
    at,
  });
  deps.cache.forgetGroup(row.group_id);
  return true;
}

async function carryOut(
  deps: Deps,
  trx: Kysely<Database>,
  row: DecisionRow,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const proposal = JSON.parse(row.proposal) as Proposal;
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
    const group = await findGroup(trx, row.group_id);
    if (!group || group.stage !== 'review') return;
    const held = await countMeetingsHeld(trx, row.group_id, at);
    const next = afterReview(proposal.option, held, proposal.plannedMeetings);
    await setPlan(trx, row.group_id, {
      review_at: next.reviewAt,
      planned_meetings:
        proposal.option === 'adjourn' ? group.planned_meetings : proposal.plannedMeetings,
    });
    const note =
      proposal.option === 'adjourn'
        ? 'The group agreed to adjourn.'
        : proposal.option === 'continue'
          ? 'The group agreed to continue as it is.'
          : `The group agreed to continue with changes: ${proposal.changes ?? ''}`;
    await moveStage(deps, trx, {
      groupId: row.group_id,
      to: next.stage,
      actorId: row.proposer_id,
      note,
      now,
    });
  }
}

/** A member responds to an open decision (and may change their response until it closes). */
export async function respondToDecision(
  deps: Deps,
  viewer: Viewer,
  decisionId: string,
  input: { response: ConsentResponse; note: string | null },
): Promise<GroupDecision> {
  const row = await findDecision(deps.db, decisionId);
  if (!row) throw new AppError('not_found', 'We could not find that decision.');
  const visible = await findVisibleGroup(deps.db, row.group_id, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can respond.');
  }
  if (input.response === 'object' && !input.note) {
    const message = 'Say what your objection is, so the group can work with it.';
    throw new AppError('request.invalid', message, { fields: { note: message } });
  }
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, row.group_id, now.toISOString());
    const current = await findDecision(trx, decisionId);
    if (!current || current.status !== 'open') throw closed();
    // A decision past its deadline is settled first; a late response meets a clear "closed".
    if (await settleDecision(deps, trx, current, now)) throw closed();
    await upsertDecisionResponse(trx, {
      decision_id: decisionId,
      user_id: viewer.userId,
      response: input.response,
      note: input.note,
      responded_at: now.toISOString(),
    });
    await settleDecision(deps, trx, current, now);
  });
  return getDecision(deps, viewer, decisionId);
}

/** The proposer or a steward withdraws an open decision. */
export async function withdrawDecision(
  deps: Deps,
  viewer: Viewer,
  decisionId: string,
): Promise<GroupDecision> {
  const row = await findDecision(deps.db, decisionId);
  if (!row) throw new AppError('not_found', 'We could not find that decision.');
  const visible = await findVisibleGroup(deps.db, row.group_id, viewer.userId);
  if (row.proposer_id !== viewer.userId && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only whoever proposed it, or a steward, can withdraw this.');
  }
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, row.group_id, at);
    if (!(await closeDecision(trx, decisionId, 'withdrawn', at))) throw closed();
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: row.group_id,
      action: 'decision.withdrawn',
      subjectId: decisionId,
    });
  });
  return getDecision(deps, viewer, decisionId);
}

/** The job: decisions past their deadline are settled. Every minute on each node. */
export async function settleDueDecisions(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = await listDueDecisions(deps.db, now.toISOString());
  for (const { id, group_id } of due) {
    await deps.db.transaction().execute(async (trx) => {
      await lockOpenGroup(trx, group_id, now.toISOString());
      const row = await findDecision(trx, id);
      if (row) await settleDecision(deps, trx, row, now);
    });
  }
  return due.length;
}

export async function getDecision(
  deps: Deps,
  viewer: Viewer,
  decisionId: string,
): Promise<GroupDecision> {
  const row = await findDecision(deps.db, decisionId);
  if (!row) throw new AppError('not_found', 'We could not find that decision.');
  const visible = await findVisibleGroup(deps.db, row.group_id, viewer.userId);
  if (visible.role !== 'member' && visible.role !== 'steward') {
    throw new AppError('forbidden', 'Only members of this group can see its decisions.');
  }
  const [view] = await decisionViews(deps, [row], viewer.userId, visible.role === 'steward');
  return view as GroupDecision;
}

/** Decisions as a member sees them, with everyone's responses. */
export async function decisionViews(
  deps: Deps,
  rows: readonly DecisionRow[],
  viewerId: string,
  isSteward: boolean,
): Promise<GroupDecision[]> {
  if (rows.length === 0) return [];
  const now = deps.now();
  const responses = await listDecisionResponses(
    deps.db,
    rows.map((r) => r.id),
  );
  const names = await listContacts(
    deps.db,
    rows.flatMap((r) => (r.proposer_id ? [r.proposer_id] : [])),
  );
  // Every row belongs to one group's page: its members are read once.
  const members = new Map<string, string[]>();
  for (const groupId of new Set(rows.map((r) => r.group_id))) {
    members.set(groupId, await listMemberIds(deps.db, groupId));
  }
  const views: GroupDecision[] = [];
  for (const row of rows) {
    const mine = responses.filter((r) => r.decision_id === row.id);
    const outcome = outcomeFrom(row, members.get(row.group_id) ?? [], mine, now);
    const proposal = JSON.parse(row.proposal) as Proposal;
    const open = row.status === 'open';
    views.push({
      id: row.id,
      groupId: row.group_id,
      kind: row.kind,
      status: row.status,
      proposerName:
        names.find((n) => n.userId === row.proposer_id)?.displayName ?? 'A former member',
      purpose: 'purpose' in proposal ? proposal.purpose : null,
      review: 'option' in proposal ? proposal : null,
      createdAt: row.created_at,
      deadlineAt: row.deadline_at,
      closedAt: row.closed_at,
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
      responses: mine.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        response: r.response as ConsentResponse,
        note: r.note,
        respondedAt: r.responded_at,
      })),
      myResponse: (mine.find((r) => r.user_id === viewerId)?.response as ConsentResponse) ?? null,
      can: {
        respond: open,
        withdraw: open && (row.proposer_id === viewerId || isSteward),
      },
    });
  }
  return views;
}
