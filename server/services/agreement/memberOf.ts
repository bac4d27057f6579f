import { AppError } from '../../../core/errors';
import { agreementPolicy } from '../../policies/agreement';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup, type VisibleGroup } from '../findVisibleGroup';

/**
 * Loads a group for an agreement action: missing or invisible groups are 404; groups the
 * viewer can see but does not belong to are 403, since only members see the agreement.
 */
export async function memberOf(deps: Deps, viewer: Viewer, groupId: string): Promise<VisibleGroup> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (!agreementPolicy.read(visible.role, { isProposer: false })) {
    throw new AppError('forbidden', 'Only members of this group can see and change its agreement.');
  }
  return visible;
}
