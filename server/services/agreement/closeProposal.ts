import type { ProposalDetail } from '../../../core/protocol/agreement';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { closeProposalRow } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { membersOf, notify } from '../../notifications/notify';
import { loadProposalDetail } from './proposalViews';
import { requireOpen, withProposal } from './withProposal';

/** A steward closes a stale proposal as not adopted, saying why. */
export async function closeProposal(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; proposalId: string; note: string },
): Promise<ProposalDetail> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'agreement.close');
  await withProposal(deps, input, async ({ trx, groupId, at }, proposal) => {
    requireOpen(proposal);
    await closeProposalRow(trx, proposal.id, {
      status: 'not_adopted',
      closed_at: at,
      closed_by: viewer.userId,
      close_note: input.note,
      result_version: null,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'proposal.closed',
      subjectId: proposal.id,
    });
    await notify(deps, trx, (await membersOf(trx, groupId)).all, {
      groupId,
      kind: 'proposal.outcome',
      subjectId: proposal.id,
      at,
    });
  });
  return loadProposalDetail(deps, access, input.proposalId);
}
