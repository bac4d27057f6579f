import type { z } from 'zod';
import { DEFAULT_DEADLINE_DAYS } from '../../../core/domain/consent';
import { fieldError } from '../../../core/errors';
import type { ProposalDetail, reviseBody } from '../../../core/protocol/agreement';
import { authorize, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { startNewRound, upsertResponse } from '../../db/queries/agreementProposals';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import type { Deps } from '../../deps';
import { membersOf, notify } from '../../notifications/notify';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { toChange } from './toChange';
import { requireOpen, withProposal } from './withProposal';

/**
 * The proposer revises their proposal, usually to meet an objection: a new round begins
 * with a fresh deadline, earlier responses are kept for reference, and members are asked
 * to respond again.
 */
export async function reviseProposal(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; proposalId: string } & z.output<typeof reviseBody>,
): Promise<ProposalDetail> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'agreement.read');
  await withProposal(deps, input, async (write, proposal) => {
    const { trx, groupId, now, at } = write;
    authorize(access, 'agreement.revise', { isProposer: proposal.proposer_id === viewer.userId });
    requireOpen(proposal);
    const change = toChange(input.change, (await findLatestVersion(trx, groupId))?.items ?? null);
    if (change.kind !== proposal.kind) {
      throw fieldError(
        'change',
        'revise_same_kind',
        'A revision changes the same kind of thing; make a new proposal for something else.',
      );
    }
    await startNewRound(trx, proposal, {
      change,
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
    await notify(deps, trx, (await membersOf(trx, groupId)).except(viewer.userId), {
      groupId,
      kind: 'proposal.revised',
      subjectId: proposal.id,
      at,
    });
    await settleProposal(deps, write, { ...proposal, round, change, reason: input.reason });
  });
  return loadProposalDetail(deps, access, input.proposalId);
}
