import { diffItems } from '../../../core/domain/agreement';
import type { AgreementOverview } from '../../../core/protocol/agreement';
import { allows, requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import {
  listDueProposals,
  listOpenRoundResponses,
  listProposals,
} from '../../db/queries/agreementProposals';
import {
  findAcknowledgement,
  findLatestVersion,
  findVersion,
  listMemberAcknowledgements,
  listVersions,
} from '../../db/queries/agreementVersions';
import type { Deps } from '../../deps';
import { toDiffDtos, toSummary } from './proposalViews';
import { settleIfDue } from './settleIfDue';

/**
 * The agreement page: the current version, its history, proposals, whether the viewer has
 * acknowledged the latest version (and what changed since the one they accepted), and for
 * stewards who has acknowledged what.
 */
export async function getAgreement(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<AgreementOverview> {
  const { groupId } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'agreement.read');
  for (const due of await listDueProposals(deps.db, deps.now().toISOString(), groupId)) {
    await settleIfDue(deps, { groupId, proposalId: due.id });
  }
  const [latest, versions, proposals, mine, openResponses] = await Promise.all([
    findLatestVersion(deps.db, groupId),
    listVersions(deps.db, groupId),
    listProposals(deps.db, groupId),
    findAcknowledgement(deps.db, groupId, viewer.userId),
    listOpenRoundResponses(deps.db, groupId),
  ]);
  const acknowledged = mine?.version_number ?? null;
  const needsAcknowledgement = latest !== undefined && acknowledged !== latest.number;
  let changesSinceAcknowledged = null;
  if (latest && needsAcknowledgement && acknowledged !== null) {
    const before = await findVersion(deps.db, groupId, acknowledged);
    changesSinceAcknowledged = toDiffDtos(diffItems(before?.items ?? [], latest.items));
  }
  const summaries = proposals.map((p) =>
    toSummary(
      p,
      openResponses.filter((r) => r.proposal_id === p.id),
      viewer.userId,
    ),
  );
  summaries.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  const seeAcks = allows(access, 'agreement.seeAcknowledgements');
  return {
    groupId,
    groupName: access.group.name,
    current: latest
      ? { number: latest.number, createdAt: latest.created_at, items: latest.items }
      : null,
    versions: versions.map((v) => ({
      number: v.number,
      createdAt: v.created_at,
      proposalId: v.proposal_id,
      proposerName: v.proposer_name,
      reason: v.reason,
      kind: v.kind,
    })),
    myAcknowledgedVersion: acknowledged,
    needsAcknowledgement,
    changesSinceAcknowledged,
    proposals: summaries,
    acknowledgements: seeAcks
      ? (await listMemberAcknowledgements(deps.db, groupId)).map((a) => ({
          userId: a.user_id,
          displayName: a.display_name,
          version: a.version_number,
        }))
      : null,
    can: { propose: allows(access, 'agreement.propose'), seeAcknowledgements: seeAcks },
  };
}
