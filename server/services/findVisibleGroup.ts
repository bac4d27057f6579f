import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import { findGroupForViewer, type GroupForViewer } from '../db/queries/groups';
import type { Database } from '../db/tables';
import {
  type GroupAction,
  type GroupViewerRole,
  groupPolicy,
  groupViewerRole,
} from '../policies/groups';

export interface VisibleGroup {
  group: GroupForViewer;
  role: GroupViewerRole;
}

const notFound = () => new AppError('not_found', 'We could not find that group.');

/**
 * Loads a group as the viewer may see it. A group the viewer may not see is reported as
 * missing (404), so invite-only groups cannot be discovered by guessing ids.
 */
export async function findVisibleGroup(
  db: Kysely<Database>,
  groupId: string,
  viewerId: string | null,
): Promise<VisibleGroup> {
  const group = await findGroupForViewer(db, groupId, viewerId);
  if (!group) throw notFound();
  const role = groupViewerRole(viewerId, group.my_role);
  if (!groupPolicy.view(role, group)) throw notFound();
  return { group, role };
}

/** Throws `forbidden` with the given message unless the policy allows the action. */
export function authorize(visible: VisibleGroup, action: GroupAction, message: string): void {
  if (!groupPolicy[action](visible.role, visible.group)) throw new AppError('forbidden', message);
}
