import { AppError } from '../../../core/errors';
import { findLatestVersion, upsertAcknowledgement } from '../../db/queries/agreementVersions';
import type { Deps, Viewer } from '../deps';
import { memberOf } from './memberOf';

/**
 * A member accepts the current version of the agreement. Accepting an older version is
 * refused, so nobody acknowledges text they have not seen.
 */
export async function acknowledgeAgreement(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  version: number,
): Promise<void> {
  await memberOf(deps, viewer, groupId);
  const latest = await findLatestVersion(deps.db, groupId);
  if (!latest) throw new AppError('agreement.none', 'This group has not adopted an agreement yet.');
  if (latest.number !== version) {
    throw new AppError(
      'agreement.stale',
      `The agreement has changed: version ${latest.number} is the current one. Please read it first.`,
    );
  }
  await upsertAcknowledgement(deps.db, {
    group_id: groupId,
    user_id: viewer.userId,
    version_number: version,
    acknowledged_at: deps.now().toISOString(),
  });
}
