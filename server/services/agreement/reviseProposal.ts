import type { z } from 'zod';
import { DEFAULT_DEADLINE_DAYS } from '../../../core/domain/consent';
import { AppError } from '../../../core/errors';
import type { ProposalDetail, reviseBody } from '../../../core/protocol/agreement';
import { startNewRound, upsertResponse } from '../../db/queries/agreementProposals';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import { agreementPolicy } from '../../policies/agreement';
import type { Deps, Viewer } from '../deps';
import { itemsOf } from './agreementItems';
import { memberOf } from './memberOf';
import { notifyMembers } from './notifyMembers';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { toChange } from './toChange';
import { requireOpen, withProposalLock } from './withProposalLock';

/**
 * The proposer revises their proposal, usually to meet an objection: a new round begins
 * with a fresh deadline, earlier responses are kept for reference, and members are asked
 * to respond again.
 */
export async function reviseProposal(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  proposalId: string,
  input: z.output<typeof reviseBody>,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  await withProposalLock(deps, groupId, proposalId, async (trx, proposal, now) => {
    if (
      !agreementPolicy.revise(visible.role, { isProposer: proposal.proposer_id === viewer.userId })
    ) {
      throw new AppError('forbidden', 'Only the person who made a proposal can revise it.');
    }
    requireOpen(proposal);
    const change = toChange(input.change, itemsOf(await findLatestVersion(trx, groupId)));
    if (change.kind !== proposal.kind) {
      const message =
        'A revision changes the same kind of thing; make a new proposal for something else.';
      throw new AppError('request.invalid', message, { fields: { change: message } });
    }
    const at = now.toISOString();
    await startNewRound(trx, proposal, {
      change: JSON.stringify(change),
      reason: input.reason,
      deadline_at: new Date(now.getTime() + DEFAULT_DEADLINE_DAYS * 86_400_000).toISOString(),
      at,
    });
    const round = proposal.round + 1;
    await upsertResponse(trx, {
      proposal_id: proposal.id,
      round,
      user_id: viewer.userId,
      response: 'agree',
      note: null,
      responded_at: at,
    });
    await notifyMembers(trx, {
      groupId,
      kind: 'proposal.revised',
      proposalId,
      at,
      except: viewer.userId,
    });
    await settleProposal(
      trx,
      { ...proposal, round, change: JSON.stringify(change), reason: input.reason },
      now,
    );
  });
  return loadProposalDetail(deps, visible, viewer.userId, proposalId);
}
