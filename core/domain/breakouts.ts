/**
 * Small groups (breakouts): pairs or threes for a part of the agenda. People choose a group
 * (switching freely until it starts), are dealt after a shuffle so sizes differ by at most
 * one, or are placed by hand. Each small group is a room inside the room: the same state
 * machine (its own turns, equal split and countdown on the server's clock, nobody given a
 * role), with no facilitator. The server owns the lifecycle: a warning at one minute and at
 * ten seconds, then everyone back to the main room, including people who never went in.
 * Pure, like the room: `at` is the server's clock.
 */
import {
  type Actor,
  apply,
  type Breakouts,
  currentPhase,
  newRoom,
  next,
  type Outcome,
  type RoomState,
  type SmallGroup,
  shuffle,
} from './live';
import type { BreakoutCommand, InGroupCommand } from './liveCommands';

/** A small group may add this much time, once, if everyone in it agrees. */
export const EXTEND_MS = 5 * 60_000;
/** Warnings before a small group closes. */
export const WARN_AT_MS = [60_000, 10_000] as const;

const ok = (state: RoomState): Outcome => ({ ok: true, state });
/** The room changed (named for the local `next` below it would shadow). */
const bump = next;

const here = (s: RoomState) =>
  s.participants.filter((p) => p.present && !p.observer).map((p) => p.userId);

/** Who goes into small groups: everyone here, less the facilitator unless they join. */
function goingIn(state: RoomState, b: Breakouts): string[] {
  return here(state).filter((id) => b.facilitatorJoins || id !== state.facilitatorId);
}

/** How many groups `people` make in groups of about `size` (never a group of one, if avoidable). */
export function groupCount(people: number, size: number): number {
  return Math.max(1, Math.floor(people / Math.max(2, size)));
}

/**
 * Deals people into `count` groups: shuffled with `seed`, then round-robin, so sizes differ by
 * at most one. Groups that already have people (choices, placements) are filled smallest first.
 */
export function deal(
  people: readonly string[],
  groups: readonly string[][],
  seed: number,
): string[][] {
  const out = groups.map((g) => [...g]);
  if (out.length === 0) return out;
  for (const id of shuffle(people, seed)) {
    let smallest = 0;
    for (let i = 1; i < out.length; i++) {
      if ((out[i] as string[]).length < (out[smallest] as string[]).length) smallest = i;
    }
    (out[smallest] as string[]).push(id);
  }
  return out;
}

/** The group a person is in, if any. */
export function groupOf(b: Breakouts | null, userId: string): SmallGroup | undefined {
  return b?.groups.find((g) => g.members.includes(userId));
}

/** The running group a person is in right now (not closed, and they have not gone back). */
function openGroupOf(b: Breakouts | null, userId: string): SmallGroup | undefined {
  const group = groupOf(b, userId);
  return b?.status === 'running' && group && !group.closed && !b.back.includes(userId)
    ? group
    : undefined;
}

/** The small groups with one of them replaced by its changed self. */
function withGroup(b: Breakouts, changed: SmallGroup): Breakouts {
  return { ...b, groups: b.groups.map((g) => (g.id === changed.id ? changed : g)) };
}

/** The groups with `userId` in `groupId` (or in none) and out of every other. */
function moveTo(groups: SmallGroup[], userId: string, groupId: string | null): SmallGroup[] {
  return groups.map((g) => {
    const others = g.members.filter((id) => id !== userId);
    return { ...g, members: g.id === groupId ? [...others, userId] : others };
  });
}

/** Who is in a group's room now (its members, before it has a room). */
function inRoom(g: SmallGroup): string[] {
  return g.room ? g.room.participants.filter((p) => p.present).map((p) => p.userId) : g.members;
}

/** The next time the server must act for this room (a warning or a close), or null. */
export function nextDeadline(state: RoomState): number | null {
  const b = state.breakouts;
  if (b?.status !== 'running') return null;
  let next: number | null = null;
  for (const g of b.groups) {
    if (g.closed || g.endsAt === null) continue;
    const due =
      g.warned === 0
        ? g.endsAt - WARN_AT_MS[0]
        : g.warned === 1
          ? g.endsAt - WARN_AT_MS[1]
          : g.endsAt;
    next = next === null ? due : Math.min(next, due);
  }
  return next;
}

/** Applies a command inside a small group's room, as its member. */
function inGroupRoom(
  state: RoomState,
  b: Breakouts,
  group: SmallGroup,
  command: Parameters<typeof apply>[1],
  actor: Actor,
  at: number,
  seed: number,
): Outcome {
  if (!group.room) return { ok: false, refusal: 'not_in_group' };
  const out = apply(group.room, command, actor, at, seed);
  if (!out.ok) return out;
  if (out.state === group.room) return ok(state);
  return bump(state, { breakouts: withGroup(b, { ...group, room: out.state }) });
}

/**
 * Brings everyone back: the small groups' time spoken joins the main record (in the part they
 * were for), and what they were is kept for the session's summary.
 */
export function bringBack(state: RoomState, b: Breakouts, at: number): Partial<RoomState> {
  const partId = b.partId ?? currentPhase(state)?.id ?? 'small-groups';
  const part = { ...(state.spokenByPart[partId] ?? {}) };
  const spokenMs = { ...state.spokenMs };
  for (const g of b.groups) {
    if (!g.room) continue;
    // A group still open ends now: whoever is speaking stops, and their time counts.
    const room = endRoom(g.room, at);
    for (const [id, ms] of Object.entries(room.spokenMs)) {
      part[id] = (part[id] ?? 0) + ms;
      spokenMs[id] = (spokenMs[id] ?? 0) + ms;
    }
  }
  return {
    breakouts: null,
    spokenMs,
    spokenByPart: { ...state.spokenByPart, [partId]: part },
    lastBreakouts: {
      id: b.id,
      groups: b.groups.map((g) => ({
        id: g.id,
        name: g.name,
        members: g.members,
        shared: notesShared(g),
      })),
    },
  };
}

/**
 * A small group's notes go to everyone only if its people chose so: everyone still in it at
 * the end (at least one) agreed.
 */
export function notesShared(g: SmallGroup): boolean {
  const stayed = inRoom(g);
  const who = stayed.length > 0 ? stayed : g.shareAgreed;
  return who.length > 0 && who.every((id) => g.shareAgreed.includes(id));
}

/**
 * Ends a small group's room at `at` (its speaker's time counts), as anyone still in it: nobody
 * has a role there, so any member may. A room everyone has left is already still.
 */
function endRoom(room: RoomState, at: number): RoomState {
  const someone = room.participants.find((p) => p.present);
  if (!someone || room.status === 'ended') return room;
  const out = apply(
    room,
    { type: 'end' },
    { userId: someone.userId, name: someone.name, observer: false },
    at,
  );
  return out.ok ? out.state : room;
}

/** A small group's room, started: its members in, one round of the whole time, no facilitator. */
function openRoom(
  state: RoomState,
  group: SmallGroup,
  minutes: number,
  at: number,
  seed: number,
): RoomState {
  let room = newRoom(
    [{ id: group.id, title: group.name, kind: 'round', plannedMs: minutes * 60_000, guide: '' }],
    null,
  );
  for (const id of group.members) {
    const person = state.participants.find((p) => p.userId === id);
    if (!person) continue;
    const out = apply(
      room,
      { type: 'join' },
      { userId: id, name: person.name, observer: false },
      at,
    );
    if (out.ok) room = out.state;
  }
  const first = group.members[0];
  const person = state.participants.find((p) => p.userId === first);
  if (person) {
    const out = apply(
      room,
      { type: 'startPhase', index: 0 },
      { userId: person.userId, name: person.name, observer: false },
      at,
      seed,
    );
    if (out.ok) room = out.state;
  }
  return room;
}

/** The breakout commands, from people in the main room, and the server's own tick. */
export function applyBreakouts(
  state: RoomState,
  command: BreakoutCommand | InGroupCommand | { type: 'breakoutTick' },
  actor: Actor,
  at: number,
  seed: number,
  facilitates: boolean,
): Outcome {
  const b = state.breakouts;
  // The facilitator runs small groups; a member who proposed these runs them too.
  const runs = facilitates || (b !== null && b.proposedBy === actor.userId);
  switch (command.type) {
    case 'proposeBreakouts': {
      if (!facilitates && !actor.proposes) return { ok: false, refusal: 'not_facilitator' };
      if (b?.status === 'running') return { ok: false, refusal: 'breakouts_running' };
      // A member does not replace someone else's proposal; the facilitator may.
      if (b && !runs) return { ok: false, refusal: 'already_proposed' };
      const draft: Breakouts = {
        id: `b${state.version + 1}`,
        mode: command.mode,
        status: 'forming',
        minutes: command.minutes,
        facilitatorJoins: command.facilitatorJoins,
        proposedBy: facilitates ? null : actor.userId,
        partId: currentPhase(state)?.id ?? null,
        groups: [],
        back: [],
      };
      const people = goingIn(state, draft).length;
      const count = command.names?.length || groupCount(people, command.size);
      const cap = Math.max(command.size, Math.ceil(people / count));
      draft.groups = Array.from({ length: count }, (_, i) => ({
        id: `g${i + 1}`,
        name: command.names?.[i] ?? `Small group ${i + 1}`,
        cap,
        members: [],
        room: null,
        endsAt: null,
        extended: false,
        extendAgreed: [],
        warned: 0,
        closed: false,
        shareAgreed: [],
      }));
      return bump(state, { breakouts: draft });
    }
    case 'chooseGroup': {
      if (!b) return { ok: false, refusal: 'no_breakouts' };
      const target = b.groups.find((g) => g.id === command.groupId);
      if (!target || target.closed) return { ok: false, refusal: 'no_such_group' };
      const mine = groupOf(b, actor.userId);
      if (mine?.id === target.id) return ok(state);
      if (b.status === 'forming' && b.mode !== 'choose' && !runs) {
        return { ok: false, refusal: 'not_choosing' };
      }
      // Once started, only someone in no group (a late arrival, or someone back) goes in.
      if (b.status === 'running' && mine && !b.back.includes(actor.userId)) {
        return { ok: false, refusal: 'already_in_group' };
      }
      if (target.members.length >= target.cap) return { ok: false, refusal: 'group_full' };
      const moved = { ...b, groups: moveTo(b.groups, actor.userId, target.id) };
      if (b.status === 'forming') return bump(state, { breakouts: moved });
      // Joining a running group: into its room.
      const group = moved.groups.find((g) => g.id === target.id) as SmallGroup;
      const joined = group.room ? apply(group.room, { type: 'join' }, actor, at) : null;
      return bump(state, {
        breakouts: {
          ...(joined?.ok ? withGroup(moved, { ...group, room: joined.state }) : moved),
          back: b.back.filter((id) => id !== actor.userId),
        },
      });
    }
    case 'placeInGroup': {
      if (!runs) return { ok: false, refusal: 'not_facilitator' };
      if (b?.status !== 'forming') return { ok: false, refusal: 'no_breakouts' };
      if (!here(state).includes(command.userId)) return { ok: false, refusal: 'not_here' };
      if (command.groupId !== null && !b.groups.some((g) => g.id === command.groupId)) {
        return { ok: false, refusal: 'no_such_group' };
      }
      return bump(state, {
        breakouts: { ...b, groups: moveTo(b.groups, command.userId, command.groupId) },
      });
    }
    case 'cancelBreakouts': {
      if (!runs) return { ok: false, refusal: 'not_facilitator' };
      if (b?.status !== 'forming') return { ok: false, refusal: 'no_breakouts' };
      return bump(state, { breakouts: null });
    }
    case 'startBreakouts': {
      if (!runs) return { ok: false, refusal: 'not_facilitator' };
      if (b?.status !== 'forming') return { ok: false, refusal: 'no_breakouts' };
      const people = goingIn(state, b);
      const present = new Set(people);
      // Only people here go in; choices and placements stand (unless dealing); the rest are dealt.
      const kept = b.groups.map((g) =>
        b.mode === 'deal' ? [] : g.members.filter((id) => present.has(id)),
      );
      const placed = new Set(kept.flat());
      const dealt = deal(
        people.filter((id) => !placed.has(id)),
        kept,
        seed,
      );
      const endsAt = at + b.minutes * 60_000;
      const groups = b.groups.map((g, i) => {
        const group = { ...g, members: dealt[i] ?? [], endsAt };
        return { ...group, room: openRoom(state, group, b.minutes, at, seed) };
      });
      // An empty group (fewer people than groups) is closed from the start.
      return bump(state, {
        breakouts: {
          ...b,
          status: 'running',
          groups: groups.map((g) => (g.members.length === 0 ? { ...g, closed: true } : g)),
        },
      });
    }
    case 'inGroup': {
      const group = openGroupOf(b, actor.userId);
      if (!b || !group) return { ok: false, refusal: 'not_in_group' };
      return inGroupRoom(state, b, group, command.command, actor, at, seed);
    }
    case 'agreeExtend': {
      const group = openGroupOf(b, actor.userId);
      if (!b || !group) return { ok: false, refusal: 'not_in_group' };
      if (group.extended) return { ok: false, refusal: 'already_extended' };
      if (group.extendAgreed.includes(actor.userId)) return ok(state);
      const agreed = [...group.extendAgreed, actor.userId];
      const everyone = inRoom(group).every((id) => agreed.includes(id));
      const extended: SmallGroup = everyone
        ? {
            ...group,
            extendAgreed: agreed,
            extended: true,
            warned: 0,
            endsAt: (group.endsAt ?? at) + EXTEND_MS,
            room: group.room && {
              ...group.room,
              phaseExtraMs: group.room.phaseExtraMs + EXTEND_MS,
              version: group.room.version + 1,
            },
          }
        : { ...group, extendAgreed: agreed };
      return bump(state, { breakouts: withGroup(b, extended) });
    }
    case 'shareNotes': {
      const group = openGroupOf(b, actor.userId);
      if (!b || !group) return { ok: false, refusal: 'not_in_group' };
      const has = group.shareAgreed.includes(actor.userId);
      if (has === command.share) return ok(state);
      const shareAgreed = command.share
        ? [...group.shareAgreed, actor.userId]
        : group.shareAgreed.filter((id) => id !== actor.userId);
      return bump(state, { breakouts: withGroup(b, { ...group, shareAgreed }) });
    }
    case 'backToMain': {
      const group = groupOf(b, actor.userId);
      if (b?.status !== 'running' || !group || b.back.includes(actor.userId)) {
        return { ok: false, refusal: 'not_in_group' };
      }
      const left = group.room ? apply(group.room, { type: 'leave' }, actor, at) : null;
      return bump(state, {
        breakouts: {
          ...(left?.ok ? withGroup(b, { ...group, room: left.state }) : b),
          back: [...b.back, actor.userId],
        },
      });
    }
    case 'endBreakouts': {
      if (!runs) return { ok: false, refusal: 'not_facilitator' };
      if (b?.status !== 'running') return { ok: false, refusal: 'no_breakouts' };
      return bump(state, bringBack(state, b, at));
    }
    case 'breakoutTick': {
      if (b?.status !== 'running') return ok(state);
      let changed = false;
      const groups = b.groups.map((g): SmallGroup => {
        if (g.closed || g.endsAt === null) return g;
        if (at >= g.endsAt) {
          changed = true;
          return { ...g, closed: true, warned: 2, room: g.room && endRoom(g.room, at) };
        }
        const warned = at >= g.endsAt - WARN_AT_MS[1] ? 2 : at >= g.endsAt - WARN_AT_MS[0] ? 1 : 0;
        if (warned > g.warned) {
          changed = true;
          return { ...g, warned };
        }
        return g;
      });
      if (!changed) return ok(state);
      if (groups.every((g) => g.closed)) return bump(state, bringBack(state, { ...b, groups }, at));
      return bump(state, { breakouts: { ...b, groups } });
    }
  }
}

/** Someone leaving the session leaves their small group's room too. */
export function leaveGroup(state: RoomState, actor: Actor, at: number): Partial<RoomState> {
  const b = state.breakouts;
  const group = groupOf(b, actor.userId);
  if (!b || !group?.room) return {};
  const left = apply(group.room, { type: 'leave' }, actor, at);
  if (!left.ok) return {};
  return { breakouts: withGroup(b, { ...group, room: left.state }) };
}
