import type { GroupPage } from '../../core/protocol/api';
import { listDirectory } from '../db/queries/groups';
import type { Deps } from './deps';
import { toGroupSummary } from './groupViews';

const DEFAULT_PAGE = 20;

/** One page of the directory of open and closed groups, newest first. */
export async function browseDirectory(
  deps: Deps,
  viewerId: string | null,
  query: { q?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<GroupPage> {
  const limit = query.limit ?? DEFAULT_PAGE;
  const rows = await listDirectory(deps.db, {
    q: query.q || undefined,
    beforeId: query.cursor,
    limit: limit + 1,
    viewerId,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(toGroupSummary),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
