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

import type { ThreadVolume } from '../../core/domain/space';
import type { GroupDetail } from '../../core/protocol/groups';
import type { Viewer } from '../access/viewer';
import type { GroupForViewer, GroupRow } from '../db/queries/groups';
import type { MemberWithName } from '../db/queries/memberships';
import type { PostForReader, ThreadWithAuthor, WarmthRow } from '../db/queries/space';
import type { StaffWithName } from '../db/queries/staff';
import type { BusEvent } from '../fanout/bus';
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

/**
 * A thread of a group's space as every reader shares it: the thread, its posts and warm
 * responses, and who may read it (from the one reading rule, `spaceAccess`). Forgotten when
 * anything in the thread changes (the bus's `space` event) and with its group.
 */
export interface CachedThread {
  thread: ThreadWithAuthor;
  posts: readonly PostForReader[];
  warmth: readonly WarmthRow[];
  readers: ReadonlySet<string>;
  /**
   * New posts were added after these were read (a `space` event with a sequence number):
   * only what is new needs reading, not the whole thread.
   */
  behind: boolean;
}

/** One person's place in one thread and how much they hear of it. */
export interface CachedPlace {
  last_read_seq: number;
  volume: ThreadVolume;
}

export interface ReadCache {
  enabled(): boolean;
  generation(): number;
  /** Forgets whatever a bus event says has changed (on this node, at once). */
  hear(event: BusEvent): void;
  getThread(threadId: string): CachedThread | undefined;
  setThread(threadId: string, thread: CachedThread, generation: number): void;
  getPlace(userId: string, threadId: string): CachedPlace | undefined;
  setPlace(userId: string, threadId: string, place: CachedPlace, generation: number): void;
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
  const threads = new Map<string, CachedThread>();
  const places = new Map<string, CachedPlace>();
  const forgetSession = (sessionId: string) => {
    generation += 1;
    for (const [hash, cached] of sessions)
      if (cached.viewer.sessionId === sessionId) sessions.delete(hash);
  };
  const forgetGroup = (id: string) => {
    generation += 1;
    groups.delete(id);
    // Who may read a group's threads, and the names in them, come from the group.
    for (const [threadId, cached] of threads) {
      if (cached.thread.group_id === id) threads.delete(threadId);
    }
  };
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
    forgetSession,
    getGroup: (id) => (enabled() ? groups.get(id) : undefined),
    setGroup(id, snapshot, seen) {
      if (enabled() && seen === generation) bounded(groups, id, snapshot);
    },
    forgetGroup,
    hear(event) {
      if (event.kind === 'group') forgetGroup(event.groupId);
      else if (event.kind === 'session') forgetSession(event.sessionId);
      else if (event.kind === 'space') {
        generation += 1;
        const cached = threads.get(event.threadId);
        // A new post: read what came after. Anything else changed: read it all again.
        if (cached && event.seq > cached.thread.last_seq) cached.behind = true;
        else threads.delete(event.threadId);
        if (event.by) places.delete(`${event.by}:${event.threadId}`);
      } else if (event.kind === 'place') {
        generation += 1;
        places.delete(`${event.userId}:${event.threadId}`);
      }
    },
    getThread: (id) => (enabled() ? threads.get(id) : undefined),
    setThread(id, thread, seen) {
      if (enabled() && seen === generation) bounded(threads, id, thread);
    },
    getPlace: (userId, threadId) => (enabled() ? places.get(`${userId}:${threadId}`) : undefined),
    setPlace(userId, threadId, place, seen) {
      if (enabled() && seen === generation) bounded(places, `${userId}:${threadId}`, place);
    },
    reset() {
      generation += 1;
      sessions.clear();
      groups.clear();
      threads.clear();
      places.clear();
    },
  };
}
