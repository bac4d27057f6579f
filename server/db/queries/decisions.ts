/** SQL for a group's own consent decisions (its purpose, its review) and their responses. */
import type { Kysely, Selectable } from 'kysely';
import { type DecisionProposal, parseColumn, storedDecisionProposal } from '../jsonColumns';
import type {
  Database,
  DecisionKind,
  DecisionStatus,
  GroupDecisionResponsesTable,
  GroupDecisionsTable,
} from '../tables';

/** A decision with what it proposes already parsed. */
export type DecisionRow = Omit<Selectable<GroupDecisionsTable>, 'proposal'> & {
  proposal: DecisionProposal;
};

const toDecisionRow = (row: Selectable<GroupDecisionsTable>): DecisionRow => ({
  ...row,
  proposal: parseColumn(storedDecisionProposal, row.proposal, 'group_decisions.proposal'),
});

export async function insertDecision(db: Kysely<Database>, row: DecisionRow): Promise<void> {
  await db
    .insertInto('group_decisions')
    .values({ ...row, proposal: JSON.stringify(row.proposal) })
    .execute();
}

export async function findDecision(
  db: Kysely<Database>,
  id: string,
): Promise<DecisionRow | undefined> {
  const row = await db
    .selectFrom('group_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toDecisionRow(row) : undefined;
}

export async function listDecisions(
  db: Kysely<Database>,
  groupId: string,
  kind: DecisionKind,
): Promise<DecisionRow[]> {
  const rows = await db
    .selectFrom('group_decisions')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toDecisionRow);
}

export async function closeDecision(
  db: Kysely<Database>,
  id: string,
  status: Exclude<DecisionStatus, 'open'>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('group_decisions')
    .set({ status, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listDueDecisions(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('group_decisions')
    .select(['id', 'group_id'])
    .where('status', '=', 'open')
    .where('deadline_at', '<=', now)
    .execute();
}

export async function listOpenDecisionsOfGroup(
  db: Kysely<Database>,
  groupId: string,
): Promise<DecisionRow[]> {
  const rows = await db
    .selectFrom('group_decisions')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('status', '=', 'open')
    .execute();
  return rows.map(toDecisionRow);
}

export async function upsertDecisionResponse(
  db: Kysely<Database>,
  row: GroupDecisionResponsesTable,
): Promise<void> {
  await db
    .insertInto('group_decision_responses')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['decision_id', 'user_id']).doUpdateSet({
        response: row.response,
        note: row.note,
        responded_at: row.responded_at,
      }),
    )
    .execute();
}

export async function listDecisionResponses(db: Kysely<Database>, decisionIds: readonly string[]) {
  if (decisionIds.length === 0) return [];
  return db
    .selectFrom('group_decision_responses')
    .innerJoin('users', 'users.id', 'group_decision_responses.user_id')
    .select([
      'group_decision_responses.decision_id',
      'group_decision_responses.user_id',
      'group_decision_responses.response',
      'group_decision_responses.note',
      'group_decision_responses.responded_at',
      'users.display_name',
    ])
    .where('group_decision_responses.decision_id', 'in', decisionIds)
    .orderBy('group_decision_responses.responded_at')
    .execute();
}

/** When a group adjourns, decisions still open lapse: nobody will decide them now. */
export async function lapseOpenDecisionsOfGroup(
  db: Kysely<Database>,
  groupId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('group_decisions')
    .set({ status: 'lapsed', closed_at: at })
    .where('group_id', '=', groupId)
    .where('status', '=', 'open')
    .execute();
}
