import { AppError } from '../../../core/errors';
import type { ApplicationView } from '../../../core/protocol/joining';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import {
  findApplication,
  findLiveApplication,
  setApplicationStatus,
} from '../../db/queries/applications';
import { findWaitlistEntry, insertWaitlist } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { applicationOutcomeMail } from '../../mail/messages';
import { admitMember } from '../../membership/admitMember';
import { offerFreedSeats } from '../../membership/offerFreedSeats';
import { notify } from '../../notifications/notify';
import { toApplicationView } from './applicationViews';

/** A steward accepts, declines (with an optional kind message) or waitlists an application. */
export async function decideApplication(
  deps: Deps,
  viewer: Viewer,
  input: {
    applicationId: string;
    outcome: 'accept' | 'decline' | 'waitlist';
    message: string | null;
  },
): Promise<ApplicationView> {
  const row = await findApplication(deps.db, input.applicationId);
  if (!row) throw new AppError('not_found', 'We could not find that application.');
  const groupId = row.group_id;
  await requireGroupAccess(deps, viewer, groupId, 'group.reviewApplications');
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, at } = write;
    const live = await findLiveApplication(trx, groupId, row.user_id);
    if (live?.id !== input.applicationId) {
      throw new AppError(
        'application.closed',
        'This application has already been decided or withdrawn.',
      );
    }
    if (input.outcome === 'accept') {
      await admitMember(write, { userId: row.user_id }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'group.full') {
          throw new AppError(
            'group.full',
            'The group is full. You can put this application on the waitlist instead, or raise the group’s size.',
          );
        }
        throw error;
      });
    } else if (input.outcome === 'waitlist') {
      if (!(await findWaitlistEntry(trx, groupId, row.user_id))) {
        await insertWaitlist(trx, {
          group_id: groupId,
          user_id: row.user_id,
          joined_at: at,
          application_id: input.applicationId,
          offered_at: null,
          offer_expires_at: null,
        });
      }
    }
    const status =
      input.outcome === 'accept'
        ? 'accepted'
        : input.outcome === 'decline'
          ? 'declined'
          : 'waitlisted';
    await setApplicationStatus(trx, input.applicationId, {
      status,
      message: input.message,
      decided_at: at,
      decided_by: viewer.userId,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: `application.${status}`,
      subjectId: input.applicationId,
    });
    const accepted = input.outcome === 'accept';
    await notify(deps, trx, [row.user_id], {
      groupId,
      kind: 'application.outcome',
      subjectId: input.applicationId,
      at,
      // Waitlisting is not an outcome to mail: a seat offer will follow.
      ...(input.outcome === 'waitlist'
        ? {}
        : {
            mail: {
              write: (context) =>
                applicationOutcomeMail(context, {
                  groupName: row.group_name,
                  accepted,
                  message: input.message,
                  url: accepted
                    ? `${deps.config.publicUrl}/groups/${groupId}`
                    : `${deps.config.publicUrl}/groups`,
                }),
            },
          }),
    });
    if (input.outcome === 'waitlist') await offerFreedSeats(deps, write);
  });
  const after = await findApplication(deps.db, input.applicationId);
  return toApplicationView(after ?? row);
}
