import { AppError } from '../../../core/errors';
import type { ApplicationView } from '../../../core/protocol/joining';
import type { Viewer } from '../../access/viewer';
import { findApplication } from '../../db/queries/applications';
import type { Deps } from '../../deps';
import { toApplicationView } from './applicationViews';

/** One of the viewer's own applications; anyone else's is reported as missing. */
export async function myApplication(
  deps: Deps,
  viewer: Viewer,
  applicationId: string,
): Promise<ApplicationView> {
  const row = await findApplication(deps.db, applicationId);
  if (!row || row.user_id !== viewer.userId) {
    throw new AppError('not_found', 'We could not find that application.');
  }
  return toApplicationView(row);
}
