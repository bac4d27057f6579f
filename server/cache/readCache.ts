/**
 * An in-process cache for the two reads on every group page: who a session belongs to,
 * and a group with its members. It is only coherent when this process makes every write,
 * so it is switched on for the embedded SQLite database (one process by design) and off
 * for PostgreSQL, where several nodes share the data.
 *
 * Each write path forgets what it changed. A read that started before a write must not
 * store what it read after that write has forgotten it: reads note a generation first and
 * store only if no forget happened in between.
 */
import type { GroupDetail } from '../../core/protocol/api';
import type { GroupRow } from '../db/queries/groups';
import type { MemberWithName } from '../db/queries/memberships';
import type { GroupViewerRole } from '../policies/groups';
import type { Viewer } from '../services/deps';

export interface CachedSession {
  viewer: Viewer;
  lastSeenMs: number;
  expiresMs: number;
}

export interface GroupSnapshot {
  group: GroupRow;
  members: readonly MemberWithName[];
  tags: readonly string[];
  waitlistLength: number;
  /** The next meeting's start: the snapshot is stale once it has passed. */
  nextMeetingAt: string | null;
  /** The page as each kind of viewer sees it, built on first use (see getGroup.ts). */
  views: Map<GroupViewerRole, Readonly<GroupDetail>>;
}

export interface ReadCache {
  readonly enabled: boolean;
  generation(): number;
  getSession(tokenHash: string): CachedSession | undefined;
  setSession(tokenHash: string, session: CachedSession, generation: number): void;
  forgetSession(sessionId: string): void;
  getGroup(groupId: string): GroupSnapshot | undefined;
  setGroup(groupId: string, snapshot: GroupSnapshot, generation: number): void;
  forgetGroup(groupId: string): void;
}

const MAX_ENTRIES = 10_000;

export function createReadCache(enabled: boolean): ReadCache {
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
    getSession: (hash) => (enabled ? sessions.get(hash) : undefined),
    setSession(hash, session, seen) {
      if (enabled && seen === generation) bounded(sessions, hash, session);
    },
    forgetSession(sessionId) {
      generation += 1;
      for (const [hash, cached] of sessions)
        if (cached.viewer.sessionId === sessionId) sessions.delete(hash);
    },
    getGroup: (id) => (enabled ? groups.get(id) : undefined),
    setGroup(id, snapshot, seen) {
      if (enabled && seen === generation) bounded(groups, id, snapshot);
    },
    forgetGroup(id) {
      generation += 1;
      groups.delete(id);
    },
  };
}
