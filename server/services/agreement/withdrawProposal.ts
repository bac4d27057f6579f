import { AppError } from '../../../core/errors';
import type { ProposalDetail } from '../../../core/protocol/agreement';
import { closeProposalRow } from '../../db/queries/agreementProposals';
import { agreementPolicy } from '../../policies/agreement';
import type { Deps, Viewer } from '../deps';
import { memberOf } from './memberOf';
import { notifyMembers } from './notifyMembers';
import { loadProposalDetail } from './proposalViews';
import { requireOpen, withProposalLock } from './withProposalLock';

/** The proposer takes their proposal back. */
export async function withdrawProposal(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  proposalId: string,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  await withProposalLock(deps, groupId, proposalId, async (trx, proposal, now) => {
    if (
      !agreementPolicy.withdraw(visible.role, {
        isProposer: proposal.proposer_id === viewer.userId,
      })
    ) {
      throw new AppError('forbidden', 'Only the person who made a proposal can withdraw it.');
    }
    requireOpen(proposal);
    const at = now.toISOString();
    await closeProposalRow(trx, proposal.id, {
      status: 'withdrawn',
      closed_at: at,
      closed_by: viewer.userId,
      close_note: null,
      result_version: null,
    });
    await notifyMembers(trx, {
      groupId,
      kind: 'proposal.outcome',
      proposalId,
      at,
      except: viewer.userId,
    });
  });
  return loadProposalDetail(deps, visible, viewer.userId, proposalId);
}
