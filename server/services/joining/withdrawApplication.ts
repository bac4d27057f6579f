import { AppError } from '../../../core/errors';
import type { ApplicationView } from '../../../core/protocol/joining';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import {
  findApplication,
  findLiveApplication,
  setApplicationStatus,
} from '../../db/queries/applications';
import { deleteWaitlistEntry } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { myApplication } from './myApplication';

/** The applicant withdraws an application that is still pending or waitlisted. */
export async function withdrawApplication(
  deps: Deps,
  viewer: Viewer,
  input: { applicationId: string },
): Promise<ApplicationView> {
  const { applicationId } = input;
  // Only the applicant may: anyone else is told there is no such application.
  const row = await findApplication(deps.db, applicationId);
  if (!row || row.user_id !== viewer.userId) {
    throw new AppError('not_found', 'We could not find that application.');
  }
  await withGroupLock(deps, row.group_id, async (write) => {
    const { trx, groupId, at } = write;
    const live = await findLiveApplication(trx, groupId, viewer.userId);
    if (live?.id !== applicationId) {
      throw new AppError('application.closed', 'This application has already been decided.');
    }
    await setApplicationStatus(trx, applicationId, {
      status: 'withdrawn',
      decided_at: at,
      decided_by: viewer.userId,
    });
    if (await deleteWaitlistEntry(trx, groupId, viewer.userId)) {
      await offerFreedSeats(deps, write);
    }
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'application.withdrawn',
      subjectId: applicationId,
    });
  });
  return myApplication(deps, viewer, applicationId);
}
