import type { MyWaiting } from '../../../core/protocol/joining';
import type { Viewer } from '../../access/viewer';
import { listWaitlistsOfUser } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { listMyApplications } from './listMyApplications';

/** Where the viewer is waiting: applications still in play, and their waitlist places. */
export async function listMyWaiting(deps: Deps, viewer: Viewer): Promise<MyWaiting> {
  const now = deps.now().toISOString();
  const applications = await listMyApplications(deps, viewer);
  const waitlists = await listWaitlistsOfUser(deps.db, viewer.userId);
  return {
    applications: applications.filter((a) => a.status === 'pending'),
    waitlists: waitlists.map((w) => ({
      groupId: w.group_id,
      groupName: w.group_name,
      position: w.ahead + 1,
      offerExpiresAt: w.offer_expires_at && w.offer_expires_at > now ? w.offer_expires_at : null,
    })),
  };
}
