import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRoles, planRota, type RotaInput } from './rota';

const ROLES = ['facilitator', 'host', 'food', 'calendar', 'timekeeper', 'observer'];

/** A group: some roles, some members with roles they are not ready for, meetings with absences. */
const groupInput = fc
  .record({
    roleCount: fc.integer({ min: 1, max: 6 }),
    memberCount: fc.integer({ min: 1, max: 8 }),
    meetingCount: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ roleCount, memberCount, meetingCount }) => {
    const roles = ROLES.slice(0, roleCount);
    const memberIds = Array.from({ length: memberCount }, (_, i) => `m${i}`);
    return fc.record({
      roles: fc.constant(roles),
      members: fc.tuple(
        ...memberIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            notReady: fc.subarray(roles, { maxLength: roleCount }),
          }),
        ),
      ),
      meetings: fc.tuple(
        ...Array.from({ length: meetingCount }, (_, i) =>
          fc.record({ id: fc.constant(`meeting${i}`), unavailable: fc.subarray(memberIds) }),
        ),
      ),
      prior: fc.dictionary(
        fc.constantFrom(...memberIds),
        fc.dictionary(fc.constantFrom(...roles), fc.integer({ min: 0, max: 4 })),
      ),
    });
  }) as fc.Arbitrary<Required<RotaInput>>;

const eligible = (input: RotaInput, meetingIndex: number, role: string) => {
  const meeting = input.meetings[meetingIndex];
  return input.members
    .filter((m) => !meeting?.unavailable.includes(m.id) && !m.notReady.includes(role))
    .map((m) => m.id);
};

/** Largest number of roles that distinct people could hold (Kuhn's augmenting paths). */
function maxDistinct(roles: readonly string[], candidates: (role: string) => string[]): number {
  const holderOf = new Map<string, string>();
  const tryRole = (role: string, seen: Set<string>): boolean => {
    for (const person of candidates(role)) {
      if (seen.has(person)) continue;
      seen.add(person);
      const other = holderOf.get(person);
      if (other === undefined || tryRole(other, seen)) {
        holderOf.set(person, role);
        return true;
      }
    }
    return false;
  };
  return roles.filter((role) => tryRole(role, new Set())).length;
}

/** Replays a rota meeting by meeting, giving each step the counts before it. */
function* steps(input: Required<RotaInput>, rota: ReturnType<typeof planRota>) {
  const counts = new Map<string, number>();
  const key = (member: string, role: string) => `${member}/${role}`;
  for (const [member, byRole] of Object.entries(input.prior)) {
    for (const [role, n] of Object.entries(byRole)) counts.set(key(member, role), n);
  }
  const countOf = (member: string, role: string) => counts.get(key(member, role)) ?? 0;
  for (const [index, meeting] of input.meetings.entries()) {
    const planned = rota[meeting.id] ?? {};
    yield { index, meeting, planned, countOf };
    for (const [role, member] of Object.entries(planned)) {
      if (member) counts.set(key(member, role), countOf(member, role) + 1);
    }
  }
}

describe('planRota', () => {
  it('gives roles only to people who can make it and are ready for them', () => {
    fc.assert(
      fc.property(groupInput, (input) => {
        const rota = planRota(input);
        input.meetings.forEach((meeting, index) => {
          for (const role of input.roles) {
            const holder = rota[meeting.id]?.[role];
            expect(holder).not.toBeUndefined();
            if (holder === null) expect(eligible(input, index, role)).toEqual([]);
            else expect(eligible(input, index, role)).toContain(holder);
          }
        });
      }),
    );
  });

  it('never gives anyone two roles in a meeting when that can be avoided', () => {
    fc.assert(
      fc.property(groupInput, (input) => {
        const rota = planRota(input);
        input.meetings.forEach((meeting, index) => {
          const holders = Object.values(rota[meeting.id] ?? {}).filter((h) => h !== null);
          const best = maxDistinct(input.roles, (role) => eligible(input, index, role));
          expect(new Set(holders).size).toBe(best);
        });
      }),
    );
  });

  it('gives a role to whoever has held it least among those free to take it', () => {
    fc.assert(
      fc.property(groupInput, (input) => {
        const rota = planRota(input);
        for (const { index, planned, countOf } of steps(input, rota)) {
          const busy = new Set(Object.values(planned));
          for (const [role, holder] of Object.entries(planned)) {
            if (!holder) continue;
            for (const other of eligible(input, index, role)) {
              if (busy.has(other)) continue;
              expect(countOf(other, role)).toBeGreaterThanOrEqual(countOf(holder, role));
            }
          }
        }
      }),
    );
  });

  it('rotates each role through everyone before anyone has it twice, when all can come', () => {
    const uniform = fc
      .record({ roles: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 4 }) })
      .map(({ roles, extra }) => ({
        roles: ROLES.slice(0, roles),
        members: Array.from({ length: roles + extra }, (_, i) => ({ id: `m${i}`, notReady: [] })),
        meetings: Array.from({ length: 12 }, (_, i) => ({ id: `meeting${i}`, unavailable: [] })),
        prior: {},
      }));
    fc.assert(
      fc.property(uniform, (input) => {
        const rota = planRota(input);
        for (const { planned, countOf } of steps(input, rota)) {
          for (const [role, holder] of Object.entries(planned)) {
            if (!holder || countOf(holder, role) === 0) continue;
            // Taking it again: everyone must already have had it.
            for (const member of input.members) expect(countOf(member.id, role)).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it('keeps the counts balanced as members join and leave', () => {
    type Step = { kind: 'join' } | { kind: 'leave'; which: number } | { kind: 'meet' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constant({ kind: 'join' as const }),
      fc.record({ kind: fc.constant('leave' as const), which: fc.nat() }),
      fc.constant({ kind: 'meet' as const }),
      fc.constant({ kind: 'meet' as const }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(step, { maxLength: 30 }),
        (roleCount, script) => {
          const roles = ROLES.slice(0, roleCount);
          let members = ['m0', 'm1', 'm2', 'm3'];
          let next = 4;
          const held: Record<string, Record<string, number>> = {};
          script.forEach((s, i) => {
            if (s.kind === 'join') members = [...members, `m${next++}`];
            else if (s.kind === 'leave' && members.length > 1) {
              members = members.filter((_, k) => k !== s.which % members.length);
            } else if (s.kind === 'meet') {
              const beforeLoads = members.map((m) =>
                Object.values(held[m] ?? {}).reduce((sum, n) => sum + n, 0),
              );
              const beforeLoad = Math.max(...beforeLoads) - Math.min(...beforeLoads);
              const rota = planRota({
                roles,
                members: members.map((id) => ({ id, notReady: [] })),
                meetings: [{ id: `x${i}`, unavailable: [] }],
                prior: held,
              });
              for (const [member, byRole] of Object.entries(countRoles(rota))) {
                for (const [role, n] of Object.entries(byRole)) {
                  held[member] = { ...held[member], [role]: (held[member]?.[role] ?? 0) + n };
                }
              }
              // Everyone does their share: a meeting never widens the gap between who has held
              // most roles and who has held fewest (a newcomer catches up, one role a meeting).
              const loads = members.map((m) =>
                Object.values(held[m] ?? {}).reduce((sum, n) => sum + n, 0),
              );
              const loadSpread = Math.max(...loads) - Math.min(...loads);
              expect(loadSpread).toBeLessThanOrEqual(Math.max(1, beforeLoad));
            }
          });
        },
      ),
    );
  });

  it('keeps roles settled in a swap and plans around them', () => {
    const rota = planRota({
      roles: ['facilitator', 'host'],
      members: [
        { id: 'a', notReady: [] },
        { id: 'b', notReady: [] },
      ],
      meetings: [{ id: 'one', unavailable: [], fixed: { facilitator: 'b' } }],
    });
    expect(rota.one).toEqual({ facilitator: 'b', host: 'a' });
  });

  it('rotates facilitation fairly over a six-meeting plan', () => {
    const rota = planRota({
      roles: ['facilitator'],
      members: ['a', 'b', 'c'].map((id) => ({ id, notReady: [] })),
      meetings: Array.from({ length: 6 }, (_, i) => ({ id: `${i}`, unavailable: [] })),
    });
    expect(countRoles(rota)).toEqual({
      a: { facilitator: 2 },
      b: { facilitator: 2 },
      c: { facilitator: 2 },
    });
  });
});
