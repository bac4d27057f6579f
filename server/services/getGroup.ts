import { AppError } from '../../core/errors';
import type { GroupDetail } from '../../core/protocol/api';
import type { GroupSnapshot } from '../cache/readCache';
import { listTagsOf, listUpcomingStarts, listWaitlist } from '../db/queries/forming';
import { findGroup } from '../db/queries/groups';
import { listMembers } from '../db/queries/memberships';
import { groupPolicy, groupViewerRole } from '../policies/groups';
import type { Deps } from './deps';
import { toGroupDetail } from './groupViews';

/** A group's page as the viewer may see it; `not_found` if they may not see it at all. */
export async function getGroup(
  deps: Deps,
  viewerId: string | null,
  groupId: string,
): Promise<GroupDetail> {
  const now = deps.now();
  const cached = deps.cache.getGroup(groupId);
  // A snapshot names the next meeting; once that has started it is out of date.
  const fresh =
    cached && (!cached.nextMeetingAt || Date.parse(cached.nextMeetingAt) > now.getTime())
      ? cached
      : undefined;
  const snapshot = fresh ?? (await readSnapshot(deps, groupId));
  if (!snapshot) throw new AppError('not_found', 'We could not find that group.');
  const { group, members } = snapshot;
  const myRole = (viewerId && members.find((m) => m.user_id === viewerId)?.role) || null;
  const role = groupViewerRole(viewerId, myRole);
  if (!groupPolicy.view(role, group))
    throw new AppError('not_found', 'We could not find that group.');
  // Everyone with the same role sees the same page, so build it once per snapshot. It is
  // frozen, which also lets the response serialiser reuse its JSON (http/serializer.ts).
  let view = snapshot.views.get(role);
  if (!view) {
    view = Object.freeze(
      toGroupDetail(
        {
          ...group,
          member_count: members.length,
          my_role: myRole,
          waitlist_length: snapshot.waitlistLength,
          next_meeting_at: snapshot.nextMeetingAt,
        },
        snapshot.tags,
        role,
        groupPolicy.seeMembers(role, group) ? members : null,
      ),
    );
    snapshot.views.set(role, view);
  }
  return view;
}

async function readSnapshot(deps: Deps, groupId: string): Promise<GroupSnapshot | undefined> {
  const generation = deps.cache.generation();
  const group = await findGroup(deps.db, groupId);
  if (!group) return undefined;
  const now = deps.now().toISOString();
  const snapshot: GroupSnapshot = {
    group,
    members: await listMembers(deps.db, groupId),
    tags: (await listTagsOf(deps.db, [groupId])).get(groupId) ?? [],
    waitlistLength: (await listWaitlist(deps.db, groupId)).length,
    nextMeetingAt: (await listUpcomingStarts(deps.db, groupId, now, 1))[0] ?? null,
    views: new Map(),
  };
  deps.cache.setGroup(groupId, snapshot, generation);
  return snapshot;
}
