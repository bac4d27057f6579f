/** SQL for proposals to change a group's agreement, their rounds and responses. */
import type { Kysely } from 'kysely';
import type { AgreementChange } from '../../../core/domain/agreement';
import { parseColumn, storedChange } from '../jsonColumns';
import type {
  AgreementProposalsTable,
  AgreementResponsesTable,
  Database,
  ProposalStatus,
} from '../tables';

/** A proposal with its change parsed. */
export type ProposalRow = Omit<AgreementProposalsTable, 'change'> & { change: AgreementChange };
export type ResponseRow = AgreementResponsesTable;

function withChange<T extends { change: string }>(
  row: T,
  column = 'agreement_proposals.change',
): Omit<T, 'change'> & { change: AgreementChange } {
  return { ...row, change: parseColumn(storedChange, row.change, column) };
}

export async function insertProposal(db: Kysely<Database>, row: ProposalRow): Promise<void> {
  await db
    .insertInto('agreement_proposals')
    .values({ ...row, change: JSON.stringify(row.change) })
    .execute();
}

export async function findProposal(
  db: Kysely<Database>,
  groupId: string,
  proposalId: string,
): Promise<(ProposalRow & { proposer_name: string }) | undefined> {
  const row = await db
    .selectFrom('agreement_proposals as p')
    .innerJoin('users as u', 'u.id', 'p.proposer_id')
    .selectAll('p')
    .select('u.display_name as proposer_name')
    .where('p.group_id', '=', groupId)
    .where('p.id', '=', proposalId)
    .executeTakeFirst();
  return row ? withChange(row) : undefined;
}

/** A group's proposals, open ones first, then the most recent. */
export async function listProposals(db: Kysely<Database>, groupId: string, limit = 50) {
  const rows = await db
    .selectFrom('agreement_proposals as p')
    .innerJoin('users as u', 'u.id', 'p.proposer_id')
    .selectAll('p')
    .select('u.display_name as proposer_name')
    .where('p.group_id', '=', groupId)
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => withChange(row));
}

/** A group's open proposals, oldest first. */
export async function listOpenProposals(
  db: Kysely<Database>,
  groupId: string,
): Promise<ProposalRow[]> {
  const rows = await db
    .selectFrom('agreement_proposals')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('status', '=', 'open')
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map((row) => withChange(row));
}

/** Open proposals whose deadline has passed (in one group, or anywhere for the job). */
export async function listDueProposals(db: Kysely<Database>, now: string, groupId?: string) {
  let query = db
    .selectFrom('agreement_proposals')
    .select(['id', 'group_id'])
    .where('status', '=', 'open')
    .where('deadline_at', '<=', now);
  if (groupId) query = query.where('group_id', '=', groupId);
  return query.execute();
}

/** Moves an open proposal to a new state; false when it was no longer open. */
export async function closeProposalRow(
  db: Kysely<Database>,
  proposalId: string,
  update: {
    status: Exclude<ProposalStatus, 'open'>;
    closed_at: string;
    closed_by: string | null;
    close_note: string | null;
    close_reason?: ProposalRow['close_reason'];
    result_version: number | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('agreement_proposals')
    .set(update)
    .where('id', '=', proposalId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Starts a new round with a revised change, keeping the previous round for reference. */
export async function startNewRound(
  db: Kysely<Database>,
  proposal: ProposalRow,
  next: { change: AgreementChange; reason: string; deadline_at: string; at: string },
): Promise<void> {
  await db
    .insertInto('agreement_proposal_rounds')
    .values({
      proposal_id: proposal.id,
      round: proposal.round,
      change: JSON.stringify(proposal.change),
      reason: proposal.reason,
      revised_at: next.at,
    })
    .execute();
  await db
    .updateTable('agreement_proposals')
    .set({
      change: JSON.stringify(next.change),
      reason: next.reason,
      round: proposal.round + 1,
      deadline_at: next.deadline_at,
    })
    .where('id', '=', proposal.id)
    .execute();
}

export async function listEarlierRounds(db: Kysely<Database>, proposalId: string) {
  const rows = await db
    .selectFrom('agreement_proposal_rounds')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('round', 'asc')
    .execute();
  return rows.map((row) => withChange(row, 'agreement_proposal_rounds.change'));
}

/** A member's response in a round, if they gave one. */
export async function findResponse(
  db: Kysely<Database>,
  proposalId: string,
  round: number,
  userId: string,
): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('agreement_responses')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .where('round', '=', round)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Records (or changes) a member's response in a round. */
export async function upsertResponse(db: Kysely<Database>, row: ResponseRow): Promise<void> {
  await db
    .insertInto('agreement_responses')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['proposal_id', 'round', 'user_id']).doUpdateSet({
        response: row.response,
        note: row.note,
        responded_at: row.responded_at,
      }),
    )
    .execute();
}

/** The current round's responses to every open proposal of a group, in one query. */
export async function listOpenRoundResponses(
  db: Kysely<Database>,
  groupId: string,
): Promise<ResponseRow[]> {
  return db
    .selectFrom('agreement_responses as r')
    .innerJoin('agreement_proposals as p', (join) =>
      join.onRef('p.id', '=', 'r.proposal_id').onRef('p.round', '=', 'r.round'),
    )
    .selectAll('r')
    .where('p.group_id', '=', groupId)
    .where('p.status', '=', 'open')
    .execute();
}

/** Every response to a proposal, all rounds, with names. */
export async function listResponses(db: Kysely<Database>, proposalId: string) {
  return db
    .selectFrom('agreement_responses as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select('u.display_name')
    .where('r.proposal_id', '=', proposalId)
    .orderBy('r.round', 'asc')
    .orderBy('r.responded_at', 'asc')
    .execute();
}

/** Open proposals of a group that someone has objected to in the current round. */
export async function listObjectedProposals(db: Kysely<Database>, groupId: string, limit = 20) {
  const rows = await db
    .selectFrom('agreement_proposals as p')
    .select(['p.id', 'p.kind', 'p.change'])
    .where('p.group_id', '=', groupId)
    .where('p.status', '=', 'open')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('agreement_responses as r')
          .select('r.proposal_id')
          .whereRef('r.proposal_id', '=', 'p.id')
          .whereRef('r.round', '=', 'p.round')
          .where('r.response', '=', 'object'),
      ),
    )
    .orderBy('p.created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => withChange(row));
}

/** When a group adjourns, proposals still open lapse: nobody will decide them now. */
export async function lapseOpenProposalsOfGroup(
  db: Kysely<Database>,
  groupId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('agreement_proposals')
    .set({ status: 'lapsed', closed_at: at })
    .where('group_id', '=', groupId)
    .where('status', '=', 'open')
    .execute();
}
