import { diffItems } from '../../../core/domain/agreement';
import { AppError } from '../../../core/errors';
import type { VersionDetail } from '../../../core/protocol/agreement';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findVersion } from '../../db/queries/agreementVersions';
import type { Deps } from '../../deps';
import { loadProposalDetail, toDiffDtos } from './proposalViews';

/** One version from the history: its items, what changed from the one before, and why. */
export async function getAgreementVersion(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; number: number },
): Promise<VersionDetail> {
  const { groupId, number } = input;
  const access = await requireGroupAccess(deps, viewer, groupId, 'agreement.read');
  const version = await findVersion(deps.db, groupId, number);
  if (!version) throw new AppError('not_found', 'That version of the agreement does not exist.');
  const previous =
    number > 1 ? ((await findVersion(deps.db, groupId, number - 1))?.items ?? []) : [];
  return {
    number,
    createdAt: version.created_at,
    items: version.items,
    changes: toDiffDtos(diffItems(previous, version.items)),
    proposal: version.proposal_id
      ? await loadProposalDetail(deps, access, version.proposal_id)
      : null,
  };
}
