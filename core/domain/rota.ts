/**
 * The rota: who takes which role at each planned meeting. Pure; the service feeds it the
 * group's roles, its members with the roles they are not ready for, the meetings to plan
 * with who cannot make each, and how often each member has held each role so far.
 *
 * Each meeting is one assignment problem solved exactly (assignment.ts), with costs ranked
 * so that, in order of importance:
 *   1. a role goes only to someone who can make it and is ready for it, and is filled
 *      whenever anyone is;
 *   2. nobody holds two roles in one meeting when that can be avoided;
 *   3. a role goes to whoever has held it least (so nobody takes it twice before everyone
 *      willing has had it once);
 *   4. then to whoever has held fewest roles in all, then round-robin.
 * Rotating the final tie-break by meeting keeps first names in the list from being picked first.
 */
import { assign } from './assignment';

export interface RotaMember {
  id: string;
  /** Roles this member has said they are not ready for yet. */
  notReady: readonly string[];
}

export interface RotaMeeting {
  id: string;
  /** Members who said they can't make it. */
  unavailable: readonly string[];
  /** Roles already settled for this meeting (agreed in a swap): kept as they are. */
  fixed?: Readonly<Record<string, string>>;
}

export interface RotaInput {
  roles: readonly string[];
  members: readonly RotaMember[];
  meetings: readonly RotaMeeting[];
  /** How many times each member has held each role before these meetings. */
  prior?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** meeting id → role id → member id, or null when nobody can take it. */
export type Rota = Record<string, Record<string, string | null>>;

const TIE = 1;
const LOAD = 1_000;
const FAIR = 1_000 * LOAD;
const DOUBLE = 1_000 * FAIR;
const UNFILLED = 1_000 * DOUBLE;
const INELIGIBLE = 10 * UNFILLED;

export function planRota(input: RotaInput): Rota {
  const { roles, members } = input;
  const counts = new Map<string, Map<string, number>>();
  const load = new Map<string, number>();
  for (const member of members) {
    const prior = input.prior?.[member.id] ?? {};
    counts.set(member.id, new Map(roles.map((role) => [role, prior[role] ?? 0])));
    load.set(
      member.id,
      roles.reduce((sum, role) => sum + (prior[role] ?? 0), 0),
    );
  }
  const memberIds = new Set(members.map((m) => m.id));
  const rota: Rota = {};

  input.meetings.forEach((meeting, meetingIndex) => {
    const planned: Record<string, string | null> = {};
    const held = new Map<string, number>();
    for (const [role, memberId] of Object.entries(meeting.fixed ?? {})) {
      if (!roles.includes(role)) continue;
      planned[role] = memberId;
      if (memberIds.has(memberId)) held.set(memberId, (held.get(memberId) ?? 0) + 1);
    }
    const open = roles.filter((role) => !(role in planned));
    const away = new Set(meeting.unavailable);
    const present = members.filter((m) => !away.has(m.id));
    const slots = open.length;
    if (open.length > 0) {
      // Columns: each present member once per possible role, then one "nobody" per role.
      const cost = open.map((role) => {
        const row: number[] = [];
        present.forEach((member, index) => {
          const willing = !member.notReady.includes(role);
          const rank = (index + meetingIndex) % Math.max(present.length, 1);
          for (let slot = 0; slot < slots; slot++) {
            row.push(
              willing
                ? (slot + (held.get(member.id) ?? 0)) * DOUBLE +
                    (counts.get(member.id)?.get(role) ?? 0) * FAIR +
                    (load.get(member.id) ?? 0) * LOAD +
                    rank * TIE
                : INELIGIBLE,
            );
          }
        });
        for (let k = 0; k < open.length; k++) row.push(UNFILLED);
        return row;
      });
      const choice = assign(cost);
      open.forEach((role, row) => {
        const column = choice[row] as number;
        const memberIndex = Math.floor(column / slots);
        const member = column < present.length * slots ? present[memberIndex] : undefined;
        planned[role] = member && !member.notReady.includes(role) ? member.id : null;
      });
    }
    for (const [role, memberId] of Object.entries(planned)) {
      if (memberId === null || !memberIds.has(memberId)) continue;
      const byRole = counts.get(memberId);
      byRole?.set(role, (byRole.get(role) ?? 0) + 1);
      load.set(memberId, (load.get(memberId) ?? 0) + 1);
    }
    rota[meeting.id] = planned;
  });
  return rota;
}

/** How many times each member holds each role in a rota (for fairness views and tests). */
export function countRoles(rota: Rota): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const meeting of Object.values(rota)) {
    for (const [role, memberId] of Object.entries(meeting)) {
      if (memberId === null) continue;
      const mine = counts[memberId] ?? {};
      mine[role] = (mine[role] ?? 0) + 1;
      counts[memberId] = mine;
    }
  }
  return counts;
}
