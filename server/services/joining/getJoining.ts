import type { JoiningView } from '../../../core/protocol/joining';
import { groupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import type { Deps } from '../../deps';
import { buildJoiningView } from './joiningView';

/** What joining a group the viewer can see means, and where they stand. */
export async function getJoining(
  deps: Deps,
  viewer: Viewer | null,
  input: { groupId: string },
): Promise<JoiningView> {
  const { group } = await groupAccess(deps, viewer, input.groupId);
  return buildJoiningView(deps, group, viewer?.userId ?? null);
}
