import type { z } from 'zod';
import { DEFAULT_DEADLINE_DAYS } from '../../../core/domain/consent';
import type { ProposalDetail, proposeBody } from '../../../core/protocol/agreement';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import {
  insertProposal,
  type ProposalRow,
  upsertResponse,
} from '../../db/queries/agreementProposals';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { formatWhen } from '../../mail/formatWhen';
import { changeTitle, proposalMail } from '../../mail/messages';
import { membersOf, notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { toChange } from './toChange';

/**
 * A member proposes a change to the agreement (or adopting a whole draft). Proposing counts
 * as agreeing; everyone else is told, in the app and by mail unless they chose not to hear
 * about proposals, and asked to respond.
 */
export async function proposeAgreementChange(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof proposeBody>,
): Promise<ProposalDetail> {
  const { groupId } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'agreement.propose');
  const id = newId();
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, group, now, at } = write;
    const change = toChange(input.change, (await findLatestVersion(trx, groupId))?.items ?? null);
    const days = input.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
    const row: ProposalRow = {
      id,
      group_id: groupId,
      proposer_id: viewer.userId,
      kind: change.kind,
      change,
      reason: input.reason,
      round: 1,
      status: 'open',
      created_at: at,
      deadline_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      closed_at: null,
      closed_by: null,
      close_note: null,
      close_reason: null,
      result_version: null,
    };
    await insertProposal(trx, row);
    await upsertResponse(trx, {
      proposal_id: id,
      round: 1,
      user_id: viewer.userId,
      response: 'agree',
      note: null,
      responded_at: at,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'proposal.made',
      subjectId: id,
    });
    await notify(deps, trx, (await membersOf(trx, groupId)).except(viewer.userId), {
      groupId,
      kind: 'proposal.new',
      subjectId: id,
      at,
      mail: {
        wants: (p) => p.proposals,
        write: (context) =>
          proposalMail(context, {
            groupName: group.name,
            proposer: viewer.displayName,
            title: changeTitle(change),
            deadline: formatWhen(row.deadline_at, group.time_zone),
            url: `${deps.config.publicUrl}/groups/${groupId}/agreement/proposals/${id}`,
          }),
      },
    });
    await settleProposal(deps, write, row);
  });
  return loadProposalDetail(deps, access, id);
}
