import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deal, EXTEND_MS, groupCount, groupOf, nextDeadline } from './breakouts';
import { type Actor, type Command, newRoom, type Phase, type RoomState } from './live';
import { applyCommand as apply } from './room';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: '' },
  { id: 'small', title: 'Small groups', kind: 'open', plannedMs: 20 * MIN, guide: '' },
];
const people: Actor[] = ['ann', 'ben', 'cal', 'dee', 'eve', 'fay'].map((id) => ({
  userId: id,
  name: id,
  observer: false,
}));
const [ann, ben, cal, dee, eve] = people as [Actor, Actor, Actor, Actor, Actor];

function run(state: RoomState, steps: [Command, Actor, number][]): RoomState {
  let s = state;
  for (const [command, actor, at] of steps) {
    const out = apply(s, command, actor, at, 7);
    if (!out.ok) throw new Error(`${actor.userId} ${command.type} refused: ${out.refusal}`);
    s = out.state;
  }
  return s;
}

/** Ann facilitates; five people are here and the small-groups part has begun. */
const gathered = (n = 5) =>
  run(newRoom(PHASES, 'ann'), [
    ...people.slice(0, n).map((p): [Command, Actor, number] => [{ type: 'join' }, p, 0]),
    [{ type: 'startPhase', index: 1 }, ann, 0],
  ]);

const tick = (s: RoomState, at: number) => {
  const out = apply(s, { type: 'breakoutTick' }, { userId: '', name: '', observer: false }, at);
  if (!out.ok) throw new Error('tick refused');
  return out.state;
};

describe('dealing people into small groups', () => {
  it('makes groups whose sizes differ by at most one, with everyone in exactly one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (ids, count, seed) => {
          const groups = deal(
            ids,
            Array.from({ length: count }, () => []),
            seed,
          );
          const sizes = groups.map((g) => g.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(groups.flat().sort()).toEqual([...ids].sort());
        },
      ),
    );
  });

  it('fills the smallest groups first when some already have people', () => {
    const groups = deal(['x', 'y', 'z'], [['a', 'b'], [], ['c']], 1);
    expect(groups.map((g) => g.length)).toEqual([2, 2, 2]);
  });

  it('never leaves someone alone when pairs are asked of an odd number', () => {
    expect(groupCount(5, 2)).toBe(2);
    expect(groupCount(6, 3)).toBe(2);
    expect(groupCount(1, 2)).toBe(1);
  });
});

describe('small groups, chosen', () => {
  it('lets people choose and switch until they start, then runs each as a room of its own', () => {
    let s = run(gathered(), [
      [
        {
          type: 'proposeBreakouts',
          mode: 'choose',
          size: 2,
          minutes: 10,
          names: ['Garden', 'Kitchen'],
          facilitatorJoins: false,
        },
        ann,
        0,
      ],
      [{ type: 'chooseGroup', groupId: 'g1' }, ben, 0],
      [{ type: 'chooseGroup', groupId: 'g1' }, cal, 0],
      // Ben changes his mind: switching is free until the groups start.
      [{ type: 'chooseGroup', groupId: 'g2' }, ben, 0],
      [{ type: 'chooseGroup', groupId: 'g2' }, dee, 0],
    ]);
    expect(s.breakouts?.groups.map((g) => [g.name, g.members, g.cap])).toEqual([
      ['Garden', ['cal'], 2],
      ['Kitchen', ['ben', 'dee'], 2],
    ]);
    // Full is full.
    expect(apply(s, { type: 'chooseGroup', groupId: 'g2' }, eve, 0, 7)).toEqual({
      ok: false,
      refusal: 'group_full',
    });
    // Eve never chose: she is dealt into the group with room; Ann stays out of every group.
    s = run(s, [[{ type: 'startBreakouts' }, ann, MIN]]);
    const b = s.breakouts;
    expect(b?.status).toBe('running');
    expect(b?.groups.map((g) => g.members)).toEqual([
      ['cal', 'eve'],
      ['ben', 'dee'],
    ]);
    expect(groupOf(b ?? null, 'ann')).toBeUndefined();
    // Each small group is the room's own machine: a round of the whole time, no facilitator.
    const garden = b?.groups[0]?.room as RoomState;
    expect(garden.facilitatorId).toBeNull();
    expect(garden.phases[0]).toMatchObject({ kind: 'round', plannedMs: 10 * MIN });
    expect(garden.participants.map((p) => p.userId)).toEqual(['cal', 'eve']);
    // Anyone in it starts the next turn; the split is equal between its two people.
    s = run(s, [[{ type: 'inGroup', command: { type: 'startTurn' } }, eve, MIN]]);
    expect(s.breakouts?.groups[0]?.room?.turn).toMatchObject({ shareMs: 5 * MIN });
    // Someone outside a group cannot act in one.
    expect(apply(s, { type: 'inGroup', command: { type: 'endTurn' } }, ann, MIN, 7)).toEqual({
      ok: false,
      refusal: 'not_in_group',
    });
  });

  it('warns at one minute and ten seconds, then brings everyone back with their time', () => {
    let s = run(gathered(), [
      [
        { type: 'proposeBreakouts', mode: 'deal', size: 2, minutes: 10, facilitatorJoins: false },
        ann,
        0,
      ],
      [{ type: 'startBreakouts' }, ann, 0],
      [{ type: 'inGroup', command: { type: 'startTurn', speakerId: 'ben' } }, ben, 0],
    ]);
    expect(nextDeadline(s)).toBe(9 * MIN);
    s = tick(s, 9 * MIN);
    expect(s.breakouts?.groups.every((g) => g.warned === 1)).toBe(true);
    expect(nextDeadline(s)).toBe(10 * MIN - 10_000);
    s = tick(s, 10 * MIN - 10_000);
    expect(s.breakouts?.groups.every((g) => g.warned === 2)).toBe(true);
    // A tick before anything is due changes nothing (and makes no new version).
    expect(tick(s, 10 * MIN - 5_000)).toBe(s);
    s = tick(s, 10 * MIN);
    expect(s.breakouts).toBeNull();
    expect(s.lastBreakouts?.groups.flatMap((g) => g.members).sort()).toEqual([
      'ben',
      'cal',
      'dee',
      'eve',
    ]);
    // Ben's ten minutes of talking count in the main record, in the small-groups part.
    expect(s.spokenByPart.small?.ben).toBe(10 * MIN);
    expect(s.spokenMs.ben).toBe(10 * MIN);
  });

  it('lets a member propose and run small groups only where the group allows it', () => {
    const propose = {
      type: 'proposeBreakouts',
      mode: 'hand',
      size: 2,
      minutes: 10,
      facilitatorJoins: true,
    } as const;
    const s = gathered();
    // Not allowed: only the facilitator proposes.
    expect(apply(s, propose, ben, 0, 7)).toEqual({ ok: false, refusal: 'not_facilitator' });
    const benMay = { ...ben, proposes: true };
    const calMay = { ...cal, proposes: true };
    let mine = run(s, [[propose, benMay, 0]]);
    expect(mine.breakouts).toMatchObject({ status: 'forming', proposedBy: 'ben' });
    // Another member does not replace Ben's proposal, nor start or place in it.
    expect(apply(mine, propose, calMay, 0, 7)).toEqual({ ok: false, refusal: 'already_proposed' });
    for (const command of [
      { type: 'startBreakouts' },
      { type: 'cancelBreakouts' },
      { type: 'placeInGroup', userId: 'dee', groupId: 'g1' },
    ] as const) {
      expect(apply(mine, command, calMay, 0, 7)).toEqual({ ok: false, refusal: 'not_facilitator' });
    }
    // Ben places people and starts them; he can bring everyone back too.
    mine = run(mine, [
      [{ type: 'placeInGroup', userId: 'dee', groupId: 'g1' }, benMay, 0],
      [{ type: 'startBreakouts' }, benMay, 0],
    ]);
    expect(mine.breakouts?.status).toBe('running');
    expect(mine.breakouts?.groups[0]?.members).toContain('dee');
    expect(run(mine, [[{ type: 'endBreakouts' }, benMay, MIN]]).breakouts).toBeNull();
    // The facilitator may call off a member's proposal, or replace it with their own.
    const proposed = run(s, [[propose, benMay, 0]]);
    expect(run(proposed, [[{ type: 'cancelBreakouts' }, ann, 0]]).breakouts).toBeNull();
    expect(run(proposed, [[propose, ann, 0]]).breakouts?.proposedBy).toBeNull();
  });

  it('adds five minutes once, only when everyone in the group agrees', () => {
    let s = run(gathered(3), [
      [
        { type: 'proposeBreakouts', mode: 'deal', size: 2, minutes: 10, facilitatorJoins: true },
        ann,
        0,
      ],
      [{ type: 'startBreakouts' }, ann, 0],
      [{ type: 'agreeExtend' }, ann, 8 * MIN],
    ]);
    expect(s.breakouts?.groups[0]?.endsAt).toBe(10 * MIN);
    s = run(s, [
      [{ type: 'agreeExtend' }, ben, 8 * MIN],
      [{ type: 'agreeExtend' }, cal, 8 * MIN],
    ]);
    expect(s.breakouts?.groups[0]).toMatchObject({ endsAt: 10 * MIN + EXTEND_MS, extended: true });
    expect(apply(s, { type: 'agreeExtend' }, ben, 9 * MIN, 7)).toEqual({
      ok: false,
      refusal: 'already_extended',
    });
  });

  it('lets anyone go back early, and brings back people who never went in', () => {
    let s = run(gathered(), [
      [
        { type: 'proposeBreakouts', mode: 'deal', size: 2, minutes: 10, facilitatorJoins: false },
        ann,
        0,
      ],
      [{ type: 'startBreakouts' }, ann, 0],
      [{ type: 'backToMain' }, ben, MIN],
    ]);
    expect(s.breakouts?.back).toEqual(['ben']);
    const room = groupOf(s.breakouts, 'ben')?.room;
    expect(room?.participants.find((p) => p.userId === 'ben')?.present).toBe(false);
    // The facilitator closes them all; the session's end would too.
    s = run(s, [[{ type: 'endBreakouts' }, ann, 2 * MIN]]);
    expect(s.breakouts).toBeNull();
    s = run(s, [
      [
        { type: 'proposeBreakouts', mode: 'deal', size: 2, minutes: 10, facilitatorJoins: false },
        ann,
        3 * MIN,
      ],
      [{ type: 'startBreakouts' }, ann, 3 * MIN],
      [{ type: 'end' }, ann, 4 * MIN],
    ]);
    expect(s.status).toBe('ended');
    expect(s.breakouts).toBeNull();
  });
});

/** Model-based: whatever people do, the small groups keep their promises. */
describe('whatever happens around small groups', () => {
  type Step = [Command, Actor, number];
  const actor = fc.constantFrom(...people);
  const advance = fc.integer({ min: 0, max: 4 * MIN });
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.tuple(actor, advance).map(([a, t]): Step => [{ type: 'join' }, a, t]),
    fc.tuple(actor, advance).map(([a, t]): Step => [{ type: 'leave' }, a, t]),
    fc
      .tuple(
        fc.constantFrom('choose', 'deal', 'hand' as const),
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        advance,
      )
      .map(
        ([mode, size, minutes, facilitatorJoins, t]): Step => [
          { type: 'proposeBreakouts', mode, size, minutes, facilitatorJoins },
          ann,
          t,
        ],
      ),
    fc
      .tuple(actor, fc.constantFrom('g1', 'g2', 'g3'), advance)
      .map(([a, g, t]): Step => [{ type: 'chooseGroup', groupId: g }, a, t]),
    fc
      .tuple(actor, fc.constantFrom('g1', 'g2'), advance)
      .map(([a, g, t]): Step => [{ type: 'placeInGroup', userId: a.userId, groupId: g }, ann, t]),
    advance.map((t): Step => [{ type: 'startBreakouts' }, ann, t]),
    fc
      .tuple(actor, advance)
      .map(([a, t]): Step => [{ type: 'inGroup', command: { type: 'startTurn' } }, a, t]),
    fc
      .tuple(actor, advance)
      .map(([a, t]): Step => [{ type: 'inGroup', command: { type: 'endTurn' } }, a, t]),
    fc.tuple(actor, advance).map(([a, t]): Step => [{ type: 'agreeExtend' }, a, t]),
    fc.tuple(actor, advance).map(([a, t]): Step => [{ type: 'backToMain' }, a, t]),
    advance.map((t): Step => [{ type: 'endBreakouts' }, ann, t]),
    advance.map((t): Step => [{ type: 'breakoutTick' }, ann, t]),
  );

  it('keeps every promise', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let s = gathered();
        let at = 0;
        for (const [command, who, advanceBy] of steps) {
          at += advanceBy;
          const out = apply(s, command, who, at, at);
          if (!out.ok) continue;
          const before = s;
          s = out.state;
          if (s !== before) expect(s.version).toBe(before.version + 1);
          const b = s.breakouts;
          if (!b) continue;
          // Nobody is in two groups.
          const all = b.groups.flatMap((g) => g.members);
          expect(new Set(all).size).toBe(all.length);
          if (b.status === 'forming' && b.mode === 'choose') {
            for (const g of b.groups) expect(g.members.length).toBeLessThanOrEqual(g.cap);
          }
          if (b.status === 'running') {
            // Each open group's room has only its members in it, and nobody in a role.
            for (const g of b.groups) {
              if (!g.room) continue;
              expect(g.room.facilitatorId).toBeNull();
              for (const p of g.room.participants) expect(g.members).toContain(p.userId);
            }
            // The server's next deadline is never in the past of a group still open.
            const due = nextDeadline(s);
            if (due !== null) expect(b.groups.some((g) => !g.closed)).toBe(true);
          }
        }
        // However it went, once every deadline has passed, everyone is back.
        let last = s;
        for (let i = 0; i < 20 && last.breakouts?.status === 'running'; i++) {
          last = tick(last, (nextDeadline(last) ?? at) + 1);
        }
        if (last.breakouts) expect(last.breakouts.status).toBe('forming');
      }),
      { numRuns: 300 },
    );
  });
});
