import { describe, expect, it } from 'vitest';
import { type Actor, apply, type Command, newRoom, type Phase, type RoomState } from './live';
import { describeChange } from './timeline';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: '' },
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 20 * MIN, guide: '' },
];
const [ann, ben, cal] = ['ann', 'ben', 'cal'].map((id) => ({
  userId: id,
  name: id,
  observer: false,
})) as [Actor, Actor, Actor];

/** Applies each step and collects what each change amounted to. */
function timeline(steps: [Command, Actor, number][]): { state: RoomState; facts: unknown[] } {
  let state = newRoom(PHASES, 'ann');
  const facts: unknown[] = [];
  for (const [command, actor, at] of steps) {
    const out = apply(state, command, actor, at);
    if (!out.ok) throw new Error(`${command.type}: ${out.refusal}`);
    facts.push(...describeChange(state, out.state));
    state = out.state;
  }
  return { state, facts };
}

describe('what a change amounts to', () => {
  it('says who came, which part began, whose turn started and ended, and who passed', () => {
    const { facts } = timeline([
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'join' }, cal, 0],
      [{ type: 'startPhase', index: 0 }, ann, 0],
      [{ type: 'startTurn' }, ann, 0],
      [{ type: 'pass' }, cal, MIN],
      [{ type: 'endTurn' }, ann, 2 * MIN],
      [{ type: 'leave' }, ben, 3 * MIN],
    ]);
    expect(facts).toEqual([
      { kind: 'joined', userId: 'ann' },
      { kind: 'joined', userId: 'ben' },
      { kind: 'joined', userId: 'cal' },
      { kind: 'part', partId: 'checkin' },
      { kind: 'turn', userId: 'ann', partId: 'checkin' },
      { kind: 'passed', userId: 'cal', partId: 'checkin' },
      { kind: 'turn_end', userId: 'ann', partId: 'checkin' },
      { kind: 'left', userId: 'ben' },
    ]);
  });

  it('follows hands, the floor and who is speaking in discussion, and the end', () => {
    const facts = timeline([
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'startPhase', index: 1 }, ann, 0],
      [{ type: 'hand', raised: true }, ben, MIN],
      [{ type: 'callOn', userId: 'ben' }, ann, MIN],
      [{ type: 'speaking', userId: null }, ann, 2 * MIN],
      [{ type: 'markAdvice' }, ann, 2 * MIN],
      [{ type: 'setObserver', userId: 'ann' }, ann, 2 * MIN],
      [{ type: 'end' }, ann, 3 * MIN],
    ]).facts.slice(2);
    expect(facts).toEqual([
      { kind: 'part', partId: 'open' },
      { kind: 'hand', userId: 'ben', partId: 'open' },
      { kind: 'hand_down', userId: 'ben', partId: 'open' },
      { kind: 'floor', userId: 'ben', partId: 'open' },
      { kind: 'speaking', userId: 'ben', partId: 'open' },
      { kind: 'speaking_stopped', partId: 'open' },
      { kind: 'advice', partId: 'open' },
      { kind: 'observer', userId: 'ann' },
      { kind: 'ended' },
    ]);
  });
});
