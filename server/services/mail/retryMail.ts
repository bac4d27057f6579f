import { AppError } from '../../../core/errors';
import type { Viewer } from '../../access/viewer';
import { requeueMail } from '../../db/queries/outbox';
import type { Deps } from '../../deps';

/** Tries a kept or failed mail again; administrators only. */
export async function retryMail(
  deps: Deps,
  viewer: Viewer,
  input: { mailId: string },
): Promise<void> {
  if (!viewer.isAdmin) throw new AppError('forbidden', 'Only administrators can see the outbox.');
  if (!(await requeueMail(deps.db, input.mailId, deps.now().toISOString()))) {
    throw new AppError('not_found', 'That mail is not waiting to be tried again.');
  }
}
