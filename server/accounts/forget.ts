/**
 * Keeping every node's copies true when a person's account changes. A session's cached
 * viewer holds their name and address, and a group's cached snapshot holds its members'
 * names: both are forgotten here, on this node at once and on every other by the bus.
 */
import { listGroupIdsOf } from '../db/queries/memberships';
import { deleteSessionsOf, listSessionIdsOf } from '../db/queries/sessions';
import type { Deps } from '../deps';

async function forgetSessions(deps: Deps, ids: readonly string[]): Promise<void> {
  for (const sessionId of ids) {
    deps.cache.forgetSession(sessionId);
    await deps.bus.publish({ kind: 'session', sessionId });
  }
}

/**
 * Ends the person's sessions (all but `except`): every node forgets them and any live
 * session they hold closes (server/live/node.ts checks the session still exists).
 */
export async function endSessionsOf(
  deps: Deps,
  userId: string,
  except: string | null,
): Promise<void> {
  await forgetSessions(deps, await deleteSessionsOf(deps.db, userId, except));
}

/** Forgets every cached view that shows the person's name or address, after a change. */
export async function forgetPerson(deps: Deps, userId: string): Promise<void> {
  await forgetSessions(deps, await listSessionIdsOf(deps.db, userId));
  for (const groupId of await listGroupIdsOf(deps.db, userId)) {
    deps.cache.forgetGroup(groupId);
    await deps.bus.publish({ kind: 'group', groupId });
  }
}
