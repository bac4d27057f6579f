import { applyChange } from '../../../core/domain/agreement';
import { recordAudit } from '../../audit/recordAudit';
import { tallyOf } from '../../consent/tally';
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
import type { Deps } from '../../deps';
import type { GroupWrite } from '../../locks/withGroupLock';
import { membersOf, notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';

/**
 * Applies the consent rule to an open proposal and, when it is decided, seals it: an
 * adopted change becomes the next numbered version. Runs under the group's lock, so two
 * settlements can never make two versions with one number.
 */
export async function settleProposal(
  deps: Deps,
  write: GroupWrite,
  proposal: ProposalRow,
): Promise<void> {
  if (proposal.status !== 'open') return;
  const { trx, groupId, now, at } = write;
  const members = await membersOf(trx, groupId);
  const responses = (await listResponses(trx, proposal.id)).filter(
    (r) => r.round === proposal.round,
  );
  const { outcome } = tallyOf({
    memberIds: members.all,
    responses,
    deadlineAt: proposal.deadline_at,
    now,
  });
  if (outcome.state === 'open') return;
  const close = (
    status: 'adopted' | 'lapsed' | 'not_adopted',
    reason: ProposalRow['close_reason'],
    version: number | null,
  ) =>
    closeProposalRow(trx, proposal.id, {
      status,
      closed_at: at,
      closed_by: null,
      close_note: null,
      close_reason: reason,
      result_version: version,
    });

  if (outcome.state === 'lapsed') {
    await close('lapsed', null, null);
  } else {
    const latest = await findLatestVersion(trx, groupId);
    const applied = applyChange(latest?.items ?? null, proposal.change);
    if (!applied.ok) {
      await close('not_adopted', applied.problem, null);
    } else {
      const number = (latest?.number ?? 0) + 1;
      await insertVersion(trx, {
        id: newId(),
        group_id: groupId,
        number,
        items: applied.items,
        proposal_id: proposal.id,
        created_at: at,
      });
      await close('adopted', null, number);
      await recordAudit(trx, {
        at,
        actorId: null,
        groupId,
        action: 'agreement.adopted',
        subjectId: proposal.id,
      });
      // Proposing it, or agreeing to it, is accepting it: only those who stood aside, did not
      // respond or joined since are asked to acknowledge the new version.
      const accepted = new Set([
        proposal.proposer_id,
        ...responses.filter((r) => r.response === 'agree').map((r) => r.user_id),
      ]);
      for (const userId of accepted) {
        if (!members.all.includes(userId)) continue;
        await upsertAcknowledgement(trx, {
          group_id: groupId,
          user_id: userId,
          version_number: number,
          acknowledged_at: at,
        });
      }
    }
  }
  await notify(deps, trx, members.all, {
    groupId,
    kind: 'proposal.outcome',
    subjectId: proposal.id,
    at,
  });
}
