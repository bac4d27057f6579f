import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { ProposalDetail, respondBody } from '../../../core/protocol/agreement';
import { upsertResponse } from '../../db/queries/agreementProposals';
import { agreementPolicy } from '../../policies/agreement';
import type { Deps, Viewer } from '../deps';
import { memberOf } from './memberOf';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { requireOpen, withProposalLock } from './withProposalLock';

/**
 * A member agrees, stands aside or objects (an objection needs a reason). They can change
 * their response until the proposal closes; each response may settle it.
 */
export async function respondToProposal(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  proposalId: string,
  input: z.output<typeof respondBody>,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  if (!agreementPolicy.respond(visible.role, { isProposer: false })) {
    throw new AppError('forbidden', 'Only members can respond to proposals.');
  }
  const note = input.note?.trim() || null;
  if (input.response === 'object' && !note) {
    const message = 'Say what your objection is, so the group can try to meet it.';
    throw new AppError('request.invalid', message, { fields: { note: message } });
  }
  await withProposalLock(deps, groupId, proposalId, async (trx, proposal, now) => {
    requireOpen(proposal);
    await upsertResponse(trx, {
      proposal_id: proposal.id,
      round: proposal.round,
      user_id: viewer.userId,
      response: input.response,
      note,
      responded_at: now.toISOString(),
    });
    await settleProposal(trx, proposal, now);
  });
  return loadProposalDetail(deps, visible, viewer.userId, proposalId);
}
