import { AppError } from '../../../core/errors';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findLatestVersion, upsertAcknowledgement } from '../../db/queries/agreementVersions';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';

/**
 * A member accepts the current version of the agreement. Accepting an older version is
 * refused, so nobody acknowledges text they have not seen.
 */
export async function acknowledgeAgreement(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; version: number },
): Promise<void> {
  await requireGroupAccess(deps, viewer, input.groupId, 'agreement.acknowledge');
  await withGroupLock(deps, input.groupId, async ({ trx, groupId, at }) => {
    const latest = await findLatestVersion(trx, groupId);
    if (!latest) {
      throw new AppError('agreement.none', 'This group has not adopted an agreement yet.');
    }
    if (latest.number !== input.version) {
      throw new AppError(
        'agreement.stale',
        `The agreement has changed: version ${latest.number} is the current one. Please read it first.`,
        { params: { version: latest.number } },
      );
    }
    await upsertAcknowledgement(trx, {
      group_id: groupId,
      user_id: viewer.userId,
      version_number: input.version,
      acknowledged_at: at,
    });
  });
}
