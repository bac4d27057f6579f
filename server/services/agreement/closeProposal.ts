import { AppError } from '../../../core/errors';
import type { ProposalDetail } from '../../../core/protocol/agreement';
import { closeProposalRow } from '../../db/queries/agreementProposals';
import { agreementPolicy } from '../../policies/agreement';
import type { Deps, Viewer } from '../deps';
import { memberOf } from './memberOf';
import { notifyMembers } from './notifyMembers';
import { loadProposalDetail } from './proposalViews';
import { requireOpen, withProposalLock } from './withProposalLock';

/** A steward closes a stale proposal as not adopted, saying why. */
export async function closeProposal(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  proposalId: string,
  note: string,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  if (!agreementPolicy.close(visible.role, { isProposer: false })) {
    throw new AppError('forbidden', 'Only the group’s stewards can close a proposal.');
  }
  await withProposalLock(deps, groupId, proposalId, async (trx, proposal, now) => {
    requireOpen(proposal);
    const at = now.toISOString();
    await closeProposalRow(trx, proposal.id, {
      status: 'not_adopted',
      closed_at: at,
      closed_by: viewer.userId,
      close_note: note,
      result_version: null,
    });
    await notifyMembers(trx, { groupId, kind: 'proposal.outcome', proposalId, at });
  });
  return loadProposalDetail(deps, visible, viewer.userId, proposalId);
}
