import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type AgreementChange, describeChange } from '../../../core/domain/agreement';
import { DEFAULT_DEADLINE_DAYS } from '../../../core/domain/consent';
import type { ProposalDetail, proposeBody } from '../../../core/protocol/agreement';
import { insertProposal, upsertResponse } from '../../db/queries/agreementProposals';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import { findMeetingSettings } from '../../db/queries/groups';
import { listMemberContacts } from '../../db/queries/memberships';
import type { Database } from '../../db/tables';
import { proposalMail } from '../../mail/messages';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';
import { formatWhen, queueMail } from '../mail/queueMail';
import { itemsOf } from './agreementItems';
import { memberOf } from './memberOf';
import { notifyMembers } from './notifyMembers';
import { loadProposalDetail } from './proposalViews';
import { settleProposal } from './settleProposal';
import { toChange } from './toChange';

/**
 * A member proposes a change to the agreement (or adopting a whole draft). Proposing counts
 * as agreeing; everyone else is notified and asked to respond.
 */
export async function proposeAgreementChange(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof proposeBody>,
): Promise<ProposalDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  const now = deps.now();
  const at = now.toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const change = toChange(input.change, itemsOf(await findLatestVersion(trx, groupId)));
    const days = input.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
    const row = {
      id,
      group_id: groupId,
      proposer_id: viewer.userId,
      kind: change.kind,
      change: JSON.stringify(change),
      reason: input.reason,
      round: 1,
      status: 'open' as const,
      created_at: at,
      deadline_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      closed_at: null,
      closed_by: null,
      close_note: null,
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
    await notifyMembers(trx, {
      groupId,
      kind: 'proposal.new',
      proposalId: id,
      at,
      except: viewer.userId,
    });
    await mailMembers(deps, trx, viewer, {
      id,
      groupId,
      groupName: visible.group.name,
      change,
      at,
      deadline: row.deadline_at,
    });
    await settleProposal(trx, row, now);
  });
  return loadProposalDetail(deps, visible, viewer.userId, id);
}

/** Asks the other members by mail too, unless they chose not to hear about proposals. */
async function mailMembers(
  deps: Deps,
  trx: Kysely<Database>,
  viewer: Viewer,
  proposal: {
    id: string;
    groupId: string;
    groupName: string;
    change: AgreementChange;
    at: string;
    deadline: string;
  },
): Promise<void> {
  const { time_zone } = await findMeetingSettings(trx, proposal.groupId);
  const members = await listMemberContacts(trx, proposal.groupId);
  await queueMail(trx, {
    publicUrl: deps.config.publicUrl,
    to: members.filter((m) => m.userId !== viewer.userId),
    kind: 'proposal.new',
    at: proposal.at,
    wants: (p) => p.proposals,
    write: (context) =>
      proposalMail(context, {
        groupName: proposal.groupName,
        proposer: viewer.displayName,
        title: describeChange(proposal.change),
        deadline: formatWhen(proposal.deadline, time_zone),
        url: `${deps.config.publicUrl}/groups/${proposal.groupId}/agreement/proposals/${proposal.id}`,
      }),
  });
}
