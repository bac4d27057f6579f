import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { listPostHistory } from '../../db/queries/space';
import type { Deps } from '../../deps';

/** What one's own post said before each change, newest first. */
export async function getPostHistory(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string },
): Promise<{ items: { body: string; contentNote: string | null; replacedAt: string }[] }> {
  await requirePostAccess(deps, viewer, input.postId, 'editOwn');
  const rows = await listPostHistory(deps.db, input.postId);
  return {
    items: rows.map((r) => ({
      body: r.body,
      contentNote: r.content_note,
      replacedAt: r.replaced_at,
    })),
  };
}
