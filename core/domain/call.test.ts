import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_MAX, REPORT_SLACK_MS, spokenInPart, spokenTotal } from './call';
import { type Actor, newRoom, type Phase, type RoomState } from './live';
import { applyCommand } from './room';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: '' },
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 40 * MIN, guide: '' },
];
const person = (id: string): Actor => ({ userId: id, name: id, observer: false });
const [ann, ben, cal] = ['ann', 'ben', 'cal'].map(person) as [Actor, Actor, Actor];

type Step = [Parameters<typeof applyCommand>[1], Actor, number];
function run(steps: Step[], start = newRoom(PHASES, 'ann')): RoomState {
  let state = start;
  for (const [command, actor, at] of steps) {
    const out = applyCommand(state, command, actor, at);
    if (!out.ok) throw new Error(`${command.type} refused: ${out.refusal}`);
    state = out.state;
  }
  return state;
}
const joined = (at = 0) =>
  run([
    [{ type: 'join' }, ann, at],
    [{ type: 'join' }, ben, at],
    [{ type: 'join' }, cal, at],
  ]);

describe('the call', () => {
  it('takes people present, each with their own mute and camera', () => {
    const state = run(
      [
        [{ type: 'callJoin', camera: true }, ann, 1],
        [{ type: 'callJoin', camera: false }, ben, 2],
        [{ type: 'callMedia', muted: true, camera: false, lowBandwidth: true }, ben, 3],
      ],
      joined(),
    );
    expect(state.call.ann).toMatchObject({ muted: false, camera: true, lowBandwidth: false });
    expect(state.call.ben).toMatchObject({ muted: true, camera: false, lowBandwidth: true });
    // Nobody else is in it, and only oneself can change one's own mute.
    expect(
      applyCommand(
        state,
        { type: 'callMedia', muted: false, camera: false, lowBandwidth: false },
        cal,
        4,
      ),
    ).toEqual({ ok: false, refusal: 'not_in_call' });
  });

  it('refuses someone not in the session, and a seventh person', () => {
    const room = newRoom(PHASES, 'ann');
    expect(applyCommand(room, { type: 'callJoin', camera: false }, ann, 0)).toEqual({
      ok: false,
      refusal: 'not_here',
    });
    let state = room;
    const people = Array.from({ length: CALL_MAX + 1 }, (_, i) => person(`p${i}`));
    for (const p of people) state = run([[{ type: 'join' }, p, 0]], state);
    for (const p of people.slice(0, CALL_MAX))
      state = run([[{ type: 'callJoin', camera: false }, p, 1]], state);
    expect(
      applyCommand(state, { type: 'callJoin', camera: false }, people[CALL_MAX] as Actor, 2),
    ).toEqual({ ok: false, refusal: 'call_full' });
  });

  it('mutes everyone but the speaker when a listen turn starts; each may unmute themselves', () => {
    let state = run(
      [
        [{ type: 'callJoin', camera: false }, ann, 0],
        [{ type: 'callJoin', camera: false }, ben, 0],
        [{ type: 'callJoin', camera: false }, cal, 0],
        [{ type: 'startPhase', index: 0 }, ann, 1],
        [{ type: 'startTurn', speakerId: 'ben' }, ann, 2],
      ],
      joined(),
    );
    expect(Object.fromEntries(Object.entries(state.call).map(([id, m]) => [id, m.muted]))).toEqual({
      ann: true,
      ben: false,
      cal: true,
    });
    state = run(
      [[{ type: 'callMedia', muted: false, camera: false, lowBandwidth: false }, cal, 3]],
      state,
    );
    expect(state.call.cal?.muted).toBe(false);
    // Someone joining the call during the turn arrives muted too.
    const late = run(
      [
        [{ type: 'callLeave' }, cal, 4],
        [{ type: 'callJoin', camera: false }, cal, 5],
      ],
      state,
    );
    expect(late.call.cal?.muted).toBe(true);
  });

  it('is left by whoever leaves the session', () => {
    const state = run(
      [
        [{ type: 'callJoin', camera: false }, ben, 0],
        [{ type: 'leave' }, ben, 1],
      ],
      joined(),
    );
    expect(state.call).toEqual({});
  });
});

describe('time heard, as each device measured it', () => {
  const inCall = () =>
    run(
      [
        [{ type: 'callJoin', camera: false }, ann, 0],
        [{ type: 'startPhase', index: 1 }, ann, 0],
      ],
      joined(),
    );

  it('keeps the largest total each person reported, whatever order reports come in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 20 }),
        (totals) => {
          let state = inCall();
          let at = 0;
          for (const totalMs of totals) {
            at += 60_000;
            const out = applyCommand(state, { type: 'heard', totalMs }, ann, at);
            if (!out.ok) throw new Error(out.refusal);
            state = out.state;
          }
          expect(state.heardMs.ann).toBe(Math.max(...totals) || undefined);
          expect(state.heardByPart.open?.ann).toBe(state.heardMs.ann);
        },
      ),
    );
  });

  it('grows no faster than time passes between reports', () => {
    const state = run([[{ type: 'heard', totalMs: 10 * MIN }, ann, 2_000]], inCall());
    expect(state.heardMs.ann).toBe(2_000 + REPORT_SLACK_MS);
  });

  it('stands in the record for the turns and taps of the parts it measured', () => {
    let state = run(
      [
        [{ type: 'speaking', userId: 'ben' }, ann, 1_000],
        [{ type: 'speaking', userId: 'ann' }, ann, 61_000],
        [{ type: 'speaking', userId: null }, ann, 121_000],
      ],
      inCall(),
    );
    expect(spokenTotal(state, 'ann')).toBe(60_000);
    state = run([[{ type: 'heard', totalMs: 45_000 }, ann, 122_000]], state);
    expect(spokenInPart(state, 'open')).toEqual({ ann: 45_000, ben: 60_000 });
    expect(spokenTotal(state, 'ann')).toBe(45_000);
    expect(spokenTotal(state, 'ben')).toBe(60_000);
  });
});
