import type { ApplicationView } from '../../../core/protocol/joining';
import type { Viewer } from '../../access/viewer';
import { listApplicationsOfUser } from '../../db/queries/applications';
import type { Deps } from '../../deps';
import { toApplicationView } from './applicationViews';

/** The viewer's applications, newest first, whatever became of them. */
export async function listMyApplications(deps: Deps, viewer: Viewer): Promise<ApplicationView[]> {
  return (await listApplicationsOfUser(deps.db, viewer.userId)).map(toApplicationView);
}
