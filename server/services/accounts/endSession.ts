import { AppError } from '../../../core/errors';
import type { Viewer } from '../../access/viewer';
import { deleteUserSession } from '../../db/queries/sessions';
import type { Deps } from '../../deps';

/**
 * Ends one of the viewer's own sessions (signing out that device). Every node forgets it,
 * and any live session it holds open is closed (server/live/node.ts hears the same news).
 */
export async function endSession(
  deps: Deps,
  viewer: Viewer,
  input: { sessionId: string },
): Promise<void> {
  const ended = await deleteUserSession(deps.db, viewer.userId, input.sessionId);
  deps.cache.forgetSession(input.sessionId);
  await deps.bus.publish({ kind: 'session', sessionId: input.sessionId });
  if (!ended) throw new AppError('not_found', 'That session has already ended.');
}
