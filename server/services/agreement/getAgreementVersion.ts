import { diffItems } from '../../../core/domain/agreement';
import { AppError } from '../../../core/errors';
import type { VersionDetail } from '../../../core/protocol/agreement';
import { findVersion } from '../../db/queries/agreementVersions';
import type { Deps, Viewer } from '../deps';
import { itemsOf } from './agreementItems';
import { memberOf } from './memberOf';
import { loadProposalDetail, toDiffDtos } from './proposalViews';

/** One version from the history: its items, what changed from the one before, and why. */
export async function getAgreementVersion(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  number: number,
): Promise<VersionDetail> {
  const visible = await memberOf(deps, viewer, groupId);
  const version = await findVersion(deps.db, groupId, number);
  if (!version) throw new AppError('not_found', 'That version of the agreement does not exist.');
  const previous = number > 1 ? itemsOf(await findVersion(deps.db, groupId, number - 1)) : [];
  const items = itemsOf(version) ?? [];
  return {
    number,
    createdAt: version.created_at,
    items,
    changes: toDiffDtos(diffItems(previous ?? [], items)),
    proposal: version.proposal_id
      ? await loadProposalDetail(deps, visible, viewer.userId, version.proposal_id)
      : null,
  };
}
