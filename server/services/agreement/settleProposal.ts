import type { Kysely } from 'kysely';
import { applyChange } from '../../../core/domain/agreement';
import { decide } from '../../../core/domain/consent';
import {
  closeProposalRow,
  listResponses,
  type ProposalRow,
} from '../../db/queries/agreementProposals';
import {
  findLatestVersion,
  insertVersion,
  upsertAcknowledgement,
} from '../../db/queries/agreementVersions';
import { listMemberIds } from '../../db/queries/memberships';
import type { Database } from '../../db/tables';
import { newId } from '../../security/tokens';
import { changeOf, itemsOf } from './agreementItems';
import { notifyMembers } from './notifyMembers';

/**
 * Applies the consent rule to an open proposal and, when it is decided, seals it: an
 * adopted change becomes the next numbered version. Call inside a transaction that holds
 * the group's lock, so two settlements can never make two versions with one number.
 */
export async function settleProposal(
  trx: Kysely<Database>,
  proposal: ProposalRow,
  now: Date,
): Promise<void> {
  if (proposal.status !== 'open') return;
  const members = await listMemberIds(trx, proposal.group_id);
  const responses = (await listResponses(trx, proposal.id)).filter(
    (r) => r.round === proposal.round,
  );
  const outcome = decide({
    activeMemberIds: members,
    responses: new Map(responses.map((r) => [r.user_id, r.response])),
    deadlineMs: Date.parse(proposal.deadline_at),
    nowMs: now.getTime(),
  });
  if (outcome.state === 'open') return;
  const at = now.toISOString();
  const close = (
    status: 'adopted' | 'lapsed' | 'not_adopted',
    note: string | null,
    version: number | null,
  ) =>
    closeProposalRow(trx, proposal.id, {
      status,
      closed_at: at,
      closed_by: null,
      close_note: note,
      result_version: version,
    });

  if (outcome.state === 'lapsed') {
    await close('lapsed', null, null);
  } else {
    const latest = await findLatestVersion(trx, proposal.group_id);
    const applied = applyChange(itemsOf(latest), changeOf(proposal));
    if (!applied.ok) {
      await close('not_adopted', applied.problem, null);
    } else {
      const number = (latest?.number ?? 0) + 1;
      await insertVersion(trx, {
        id: newId(),
        group_id: proposal.group_id,
        number,
        items: JSON.stringify(applied.items),
        proposal_id: proposal.id,
        created_at: at,
      });
      await close('adopted', null, number);
      // Proposing it is accepting it; everyone else is asked to acknowledge the new version.
      await upsertAcknowledgement(trx, {
        group_id: proposal.group_id,
        user_id: proposal.proposer_id,
        version_number: number,
        acknowledged_at: at,
      });
    }
  }
  await notifyMembers(trx, {
    groupId: proposal.group_id,
    kind: 'proposal.outcome',
    proposalId: proposal.id,
    at,
  });
}
