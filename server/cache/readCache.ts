/**
 * An in-process cache for the two reads behind nearly every request: who a session belongs
 * to, and a group with its members (from which its pages and every access check are made).
 *
 * Every write to a group goes through `withGroupLock`, which forgets the group here when it
 * commits and announces it on the bus, so every other node forgets it too; ending a session
 * does the same for the session. A node can only trust its copies while it hears every
 * announcement, so the cache is on only while the bus is listening (always, in one process on
 * SQLite) and is emptied whenever announcements may have been missed.
 *
 * A read that started before a forget must not store what it read: reads note a generation
 * first and store only if nothing was forgotten in between.
 */
import type { GroupDetail } from '../../core/protocol/groups';
import type { Viewer } from '../access/viewer';
import type { GroupForViewer, GroupRow } from '../db/queries/groups';
import type { MemberWithName } from '../db/queries/memberships';
import type { StaffWithName } from '../db/queries/staff';
import type { GroupViewerRole } from '../policies/predicates';

export interface CachedSession {
  viewer: Viewer;
  lastSeenMs: number;
  expiresMs: number;
}

export interface GroupSnapshot {
  group: GroupRow;
  members: readonly MemberWithName[];
  /** People in a staff role: not members, never in a members-only space. */
  staff: readonly StaffWithName[];
  tags: readonly string[];
  waitlistLength: number;
  /** The next meeting's start: the snapshot is stale once it has passed. */
  nextMeetingAt: string | null;
  /** The page as each kind of viewer sees it, built on first use (see getGroup.ts). */
  views: Map<GroupViewerRole, Readonly<GroupDetail>>;
  /**
   * The group row with its counts and the viewer's role in it, one per role (the same for
   * everyone with that role), built on first use by the access gate: most requests are
   * reads, and building it anew for each was most of a cached read's cost.
   */
  rows: Map<string, Readonly<GroupForViewer>>;
}

export interface ReadCache {
  enabled(): boolean;
  generation(): number;
  getSession(tokenHash: string): CachedSession | undefined;
  setSession(tokenHash: string, session: CachedSession, generation: number): void;
  forgetSession(sessionId: string): void;
  getGroup(groupId: string): GroupSnapshot | undefined;
  setGroup(groupId: string, snapshot: GroupSnapshot, generation: number): void;
  forgetGroup(groupId: string): void;
  /** Forgets everything (announcements may have been missed). */
  reset(): void;
}

const MAX_ENTRIES = 10_000;

export function createReadCache(enabled: () => boolean): ReadCache {
  let generation = 0;
  const sessions = new Map<string, CachedSession>();
  const groups = new Map<string, GroupSnapshot>();
  const bounded = <K, V>(map: Map<K, V>, key: K, value: V) => {
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, value);
  };
  return {
    enabled,
    generation: () => generation,
    getSession: (hash) => (enabled() ? sessions.get(hash) : undefined),
    setSession(hash, session, seen) {
      if (enabled() && seen === generation) bounded(sessions, hash, session);
    },
    forgetSession(sessionId) {
      generation += 1;
      for (const [hash, cached] of sessions)
        if (cached.viewer.sessionId === sessionId) sessions.delete(hash);
    },
    getGroup: (id) => (enabled() ? groups.get(id) : undefined),
    setGroup(id, snapshot, seen) {
      if (enabled() && seen === generation) bounded(groups, id, snapshot);
    },
    forgetGroup(id) {
      generation += 1;
      groups.delete(id);
    },
    reset() {
      generation += 1;
      sessions.clear();
      groups.clear();
    },
  };
}
