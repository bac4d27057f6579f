import { AppError } from '../../core/errors';
import { deleteUserSession } from '../db/queries/sessions';
import type { Deps, Viewer } from './deps';

/** Ends one of the viewer's own sessions (signing out that device). */
export async function endSession(deps: Deps, viewer: Viewer, sessionId: string): Promise<void> {
  const ended = await deleteUserSession(deps.db, viewer.userId, sessionId);
  deps.cache.forgetSession(sessionId);
  if (!ended) throw new AppError('not_found', 'That session has already ended.');
}
