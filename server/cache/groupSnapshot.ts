import { findGroup } from '../db/queries/groups';
import { listUpcomingStarts } from '../db/queries/meetings';
import { listMembers } from '../db/queries/memberships';
import { listStaff } from '../db/queries/staff';
import { listTagsOf } from '../db/queries/tags';
import { countWaitlist } from '../db/queries/waitlist';
import type { Deps } from '../deps';
import type { GroupSnapshot } from './readCache';

/**
 * A group with its members, tags, waitlist and next meeting: what its pages and every access
 * check are made from. From the cache while it is fresh (its next meeting has not started),
 * otherwise read and kept. Undefined when there is no such group.
 *
 * Answers at once, without a promise, from the cache: that is most reads.
 */
export function loadGroupSnapshot(
  deps: Deps,
  groupId: string,
): GroupSnapshot | undefined | Promise<GroupSnapshot | undefined> {
  const now = deps.now();
  const cached = deps.cache.getGroup(groupId);
  // A snapshot names the next meeting; once that has started it is out of date.
  if (cached && (!cached.nextMeetingAt || Date.parse(cached.nextMeetingAt) > now.getTime())) {
    return cached;
  }
  return readGroupSnapshot(deps, groupId, now);
}

async function readGroupSnapshot(
  deps: Deps,
  groupId: string,
  now: Date,
): Promise<GroupSnapshot | undefined> {
  const generation = deps.cache.generation();
  const group = await findGroup(deps.db, groupId);
  if (!group) return undefined;
  const [members, staff, tags, waitlistLength, upcoming] = await Promise.all([
    listMembers(deps.db, groupId),
    listStaff(deps.db, groupId),
    listTagsOf(deps.db, [groupId]),
    countWaitlist(deps.db, groupId),
    listUpcomingStarts(deps.db, groupId, now.toISOString(), 1),
  ]);
  const snapshot: GroupSnapshot = {
    group,
    members,
    staff,
    tags: tags.get(groupId) ?? [],
    waitlistLength,
    nextMeetingAt: upcoming[0] ?? null,
    views: new Map(),
    rows: new Map(),
  };
  deps.cache.setGroup(groupId, snapshot, generation);
  return snapshot;
}
