import type { z } from 'zod';
import type { directoryQuery, GroupPage } from '../../../core/protocol/groups';
import type { Viewer } from '../../access/viewer';
import { listDirectory } from '../../db/queries/groups';
import { listTagsOf } from '../../db/queries/tags';
import type { Deps } from '../../deps';
import { toGroupSummary } from './groupViews';

const DEFAULT_PAGE = 20;

/**
 * One page of the directory of open and closed groups, newest first, filtered. The query
 * lists exactly the groups the policy lets anyone see (test/integration/groups.test.ts).
 */
export async function browseDirectory(
  deps: Deps,
  viewer: Viewer | null,
  query: z.output<typeof directoryQuery>,
): Promise<GroupPage> {
  const limit = query.limit ?? DEFAULT_PAGE;
  const rows = await listDirectory(deps.db, {
    q: query.q || undefined,
    format: query.format,
    joining: query.joining,
    language: query.language || undefined,
    tag: query.tag || undefined,
    seatsAvailable: query.seats === 'available',
    beforeId: query.cursor,
    limit: limit + 1,
    viewerId: viewer?.userId ?? null,
    now: deps.now().toISOString(),
  });
  const page = rows.slice(0, limit);
  const tags = await listTagsOf(
    deps.db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toGroupSummary(r, tags.get(r.id) ?? [])),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
