import type { SpaceName } from '../../../core/domain/space';
import { AppError } from '../../../core/errors';
import type { SpacePage } from '../../../core/protocol/space';
import { allows } from '../../access/requireGroupAccess';
import { requireSpace } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { countOpenReports, countUnread, listThreads } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { toThreadSummary } from './spaceViews';

const PAGE = 30;

/**
 * A page of one of the group's spaces, most recently active threads first, with what is
 * unread in each space this person may read.
 */
export async function getSpace(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; space: SpaceName; before?: string | undefined },
): Promise<SpacePage> {
  const access = await requireSpace(deps, viewer, input.groupId, input.space);
  const before = parseCursor(input.before);
  const threads = await listThreads(deps.db, viewer.userId, {
    groupId: input.groupId,
    space: input.space,
    ...(before ? { before } : {}),
    limit: PAGE + 1,
  });
  const page = threads.slice(0, PAGE);
  const last = page.at(-1);
  const peers = allows(access, 'space.read', { space: 'peers' });
  const moderate = allows(access, 'space.moderate');
  const unread = await countUnread(deps.db, viewer.userId, [input.groupId]);
  const unreadIn = (space: SpaceName) =>
    unread.filter((u) => u.space === space).reduce((n, u) => n + u.posts, 0);
  return {
    groupId: input.groupId,
    groupName: access.group.name,
    language: access.group.language,
    space: input.space,
    threads: page.map(toThreadSummary),
    next: threads.length > PAGE && last ? `${last.last_post_at}~${last.id}` : null,
    unread: { everyone: unreadIn('everyone'), peers: peers ? unreadIn('peers') : null },
    openReports: moderate ? await countOpenReports(deps.db, input.groupId) : 0,
    staff: access.snapshot.staff.map((s) => ({ name: s.display_name, role: s.role })),
    can: {
      write: allows(access, 'space.write', { space: input.space }),
      moderate,
      manageLanguage: allows(access, 'space.manageLanguage'),
      peers,
    },
  };
}

function parseCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = cursor.split('~');
  if (!at || !id) {
    throw new AppError('request.invalid', 'That page link is not one Hearth made.', {
      fields: { before: { code: 'invalid', message: 'That page link is not one Hearth made.' } },
    });
  }
  return { at, id };
}
