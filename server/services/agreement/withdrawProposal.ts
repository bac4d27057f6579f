import type { ProposalDetail } from '../../../core/protocol/agreement';
import { authorize, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { closeProposalRow } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { membersOf, notify } from '../../notifications/notify';
import { loadProposalDetail } from './proposalViews';
import { requireOpen, withProposal } from './withProposal';

/** The proposer takes their proposal back. */
export async function withdrawProposal(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; proposalId: string },
): Promise<ProposalDetail> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'agreement.read');
  await withProposal(deps, input, async ({ trx, groupId, at }, proposal) => {
    authorize(access, 'agreement.withdraw', { isProposer: proposal.proposer_id === viewer.userId });
    requireOpen(proposal);
    await closeProposalRow(trx, proposal.id, {
      status: 'withdrawn',
      closed_at: at,
      closed_by: viewer.userId,
      close_note: null,
      result_version: null,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'proposal.withdrawn',
      subjectId: proposal.id,
    });
    await notify(deps, trx, (await membersOf(trx, groupId)).except(viewer.userId), {
      groupId,
      kind: 'proposal.outcome',
      subjectId: proposal.id,
      at,
    });
  });
  return loadProposalDetail(deps, access, input.proposalId);
}
