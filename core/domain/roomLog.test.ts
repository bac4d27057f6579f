import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, type Command, newRoom, type Phase, type RoomState } from './live';
import { applyCommand } from './room';
import { type LogEntry, loggedActor, replay, saveWhole, seedOf } from './roomLog';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: '' },
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 20 * MIN, guide: '' },
  { id: 'small', title: 'Small groups', kind: 'open', plannedMs: 20 * MIN, guide: '' },
];
const people: Actor[] = ['ann', 'ben', 'cal', 'dee', 'eve'].map((id) => ({
  userId: id,
  name: `Person ${id}`,
  observer: false,
  ...(id === 'ben' ? { steward: true } : {}),
  ...(id === 'cal' ? { proposes: true } : {}),
}));
const ann = people[0] as Actor;
const hearth: Actor = { userId: 'hearth', name: 'Hearth', observer: false };

describe('the seed of a command', () => {
  it('comes from the hex digits of its id, and is 1 when it has none', () => {
    expect(seedOf('00ff-zz')).toBe(0xff);
    expect(seedOf('zzz')).toBe(1);
    expect(seedOf('abcdef0123456789')).toBe(0xabcdef01);
  });
});

describe('when a room is saved whole', () => {
  const room = newRoom(PHASES, 'ann');
  const joined = applyCommand(room, { type: 'join' }, ann, 0);
  if (!joined.ok) throw new Error('join refused');
  const raised = applyCommand(joined.state, { type: 'hand', raised: true }, ann, 1);
  if (!raised.ok) throw new Error('hand refused');

  it('saves a change that brings someone in, or starts or ends the session', () => {
    expect(saveWhole(room, joined.state, 0, 32)).toBe(true);
  });
  it('leaves other changes to the log until enough have been logged', () => {
    expect(saveWhole(joined.state, raised.state, 1, 32)).toBe(false);
    expect(saveWhole(joined.state, raised.state, 1, 1)).toBe(true);
    expect(saveWhole(joined.state, raised.state, raised.state.version - 32, 32)).toBe(true);
  });
});

/**
 * Model-based: whatever people do, a room saved now and then, with the commands logged since
 * applied again, is the very room the server held after each change.
 */
describe('a room read back from its last save and its log', () => {
  type Step = [Command, Actor, number, string];
  const actor = fc.constantFrom(...people);
  // The facilitator drives the agenda; anyone may try, and is refused if it is not theirs.
  const driver = fc.oneof(
    { arbitrary: fc.constant(ann), weight: 4 },
    { arbitrary: actor, weight: 1 },
  );
  const advance = fc.integer({ min: 0, max: 3 * MIN });
  const id = fc.string({ unit: fc.constantFrom(...'0123456789abcdefxyz-'), maxLength: 12 });
  const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 4 });
  const seldom = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    seldom(fc.tuple(actor, advance, id).map(([a, t, c]): Step => [{ type: 'join' }, a, t, c])),
    seldom(fc.tuple(actor, advance, id).map(([a, t, c]): Step => [{ type: 'leave' }, a, t, c])),
    often(fc.tuple(actor, advance, id).map(([a, t, c]): Step => [{ type: 'pass' }, a, t, c])),
    often(
      fc
        .tuple(actor, advance, id, fc.boolean())
        .map(([a, t, c, raised]): Step => [{ type: 'hand', raised }, a, t, c]),
    ),
    often(
      fc
        .tuple(driver, advance, id, fc.nat(PHASES.length - 1))
        .map(([a, t, c, index]): Step => [{ type: 'startPhase', index }, a, t, c]),
    ),
    often(fc.tuple(driver, advance, id).map(([a, t, c]): Step => [{ type: 'startTurn' }, a, t, c])),
    often(fc.tuple(driver, advance, id).map(([a, t, c]): Step => [{ type: 'endTurn' }, a, t, c])),
    often(
      fc
        .tuple(driver, advance, id)
        .map(([a, t, c]): Step => [{ type: 'setOrder', mode: 'random' }, a, t, c]),
    ),
    seldom(
      fc
        .tuple(actor, advance, id)
        .map(([a, t, c]): Step => [{ type: 'takeFacilitation' }, a, t, c]),
    ),
    often(
      fc
        .tuple(driver, advance, id, fc.constantFrom('choose', 'deal' as const))
        .map(
          ([a, t, c, mode]): Step => [
            { type: 'proposeBreakouts', mode, size: 2, minutes: 5, facilitatorJoins: true },
            a,
            t,
            c,
          ],
        ),
    ),
    often(
      fc
        .tuple(actor, advance, id, fc.constantFrom('g1', 'g2', 'g3'))
        .map(([a, t, c, groupId]): Step => [{ type: 'chooseGroup', groupId }, a, t, c]),
    ),
    often(
      fc.tuple(driver, advance, id).map(([a, t, c]): Step => [{ type: 'startBreakouts' }, a, t, c]),
    ),
    often(
      fc
        .tuple(actor, advance, id, fc.boolean())
        .map(
          ([a, t, c, raised]): Step => [
            { type: 'inGroup', command: { type: 'hand', raised } },
            a,
            t,
            c,
          ],
        ),
    ),
    seldom(
      fc.tuple(actor, advance, id).map(([a, t, c]): Step => [{ type: 'backToMain' }, a, t, c]),
    ),
    seldom(fc.tuple(advance, id).map(([t, c]): Step => [{ type: 'breakoutTick' }, hearth, t, c])),
    seldom(fc.tuple(driver, advance, id).map(([a, t, c]): Step => [{ type: 'end' }, a, t, c])),
  );

  /** Everyone has come in and the session has begun (saved whole, as those changes are). */
  function begun(): RoomState {
    let state = newRoom(PHASES, 'ann');
    for (const [command, who] of [
      ...people.map((p): [Command, Actor] => [{ type: 'join' }, p]),
      [{ type: 'startPhase', index: 0 }, ann] as [Command, Actor],
    ]) {
      const out = applyCommand(state, command, who, 0);
      if (!out.ok) throw new Error(`${command.type} refused`);
      state = out.state;
    }
    return state;
  }

  it('is the room as it was changed, whatever was done and however often it is saved', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (steps, every) => {
          let state = begun();
          let saved = state;
          let log: LogEntry[] = [];
          let at = 1_000;
          for (const [command, who, advanceBy, clientId] of steps) {
            at += advanceBy;
            const out = applyCommand(state, command, who, at, seedOf(clientId));
            if (!out.ok || out.state.version === state.version) continue;
            const next = out.state;
            log.push({
              version: next.version,
              actorId: who.userId,
              actor: loggedActor(who),
              clientId,
              command,
              at,
            });
            if (saveWhole(state, next, saved.version, every)) {
              saved = next;
              log = [];
            }
            state = next;
            // At every moment the room read back is the room held, to the last detail.
            expect(replay(saved, log)).toEqual(state);
            // The log never carries a change to who is in the room or whether it runs.
            expect(log.length).toBeLessThan(every);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the versions everyone was sent even if a logged command no longer applies', () => {
    const joined = applyCommand(newRoom(PHASES, 'ann'), { type: 'join' }, ann, 0);
    if (!joined.ok) throw new Error('join refused');
    const start = joined.state as RoomState;
    // Ben is not here, so his hand cannot go up: the room keeps the logged version anyway.
    const read = replay(start, [
      {
        version: start.version + 1,
        actorId: 'ben',
        actor: { observer: false },
        clientId: 'c1',
        command: { type: 'hand', raised: true },
        at: 5,
      },
    ]);
    expect(read.version).toBe(start.version + 1);
    expect(read.hands).toEqual([]);
  });
});
