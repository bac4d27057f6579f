import type { ConsentResponse } from '../../../core/domain/consent';
import type { ProposalDetail } from '../../../core/protocol/agreement';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { requireAcceptableResponse } from '../../consent/tally';
import { findResponse, upsertResponse } from '../../db/queries/agreementProposals';
import type { Deps } from '../../deps';
import { notify } from '../../notifications/notify';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { requireOpen, withProposal } from './withProposal';

/**
 * A member agrees, stands aside or objects (an objection needs a reason). They can change
 * their response until the proposal closes; each response may settle it.
 */
export async function respondToProposal(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; proposalId: string; response: ConsentResponse; note: string | null },
): Promise<ProposalDetail> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'agreement.respond');
  requireAcceptableResponse(input);
  await withProposal(deps, input, async (write, proposal) => {
    requireOpen(proposal);
    const before = await findResponse(write.trx, proposal.id, proposal.round, viewer.userId);
    await upsertResponse(write.trx, {
      proposal_id: proposal.id,
      round: proposal.round,
      user_id: viewer.userId,
      response: input.response,
      note: input.note,
      responded_at: write.at,
    });
    // An objection is a reason to talk and revise: the proposer hears of it at once (once
    // per objector and round, not again when the objector only rewords it).
    if (
      input.response === 'object' &&
      before?.response !== 'object' &&
      proposal.proposer_id !== viewer.userId
    ) {
      await notify(deps, write.trx, [proposal.proposer_id], {
        groupId: input.groupId,
        kind: 'proposal.objection',
        subjectId: proposal.id,
        at: write.at,
      });
    }
    await settleProposal(deps, write, proposal);
  });
  return loadProposalDetail(deps, access, input.proposalId);
}
