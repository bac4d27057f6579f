import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, newRoom, type Phase, type RoomState } from './live';
import { currentRecording, isRecorded, mayUpload } from './recording';
import { RECORDINGS_MAX } from './recordingLimits';
import { applyCommand } from './room';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 40 * MIN, guide: '' },
];
const person = (id: string): Actor => ({ userId: id, name: id, observer: false });
const [ann, ben, cal] = ['ann', 'ben', 'cal'].map(person) as [Actor, Actor, Actor];
const guest: Actor = { userId: 'gus', name: 'Gus', observer: true };

type Step = [Parameters<typeof applyCommand>[1], Actor];
function run(steps: Step[], start: RoomState = newRoom(PHASES, 'ann')): RoomState {
  let state = start;
  let at = 1_000;
  for (const [command, actor] of steps) {
    at += 1_000;
    const out = applyCommand(state, command, actor, at);
    if (!out.ok) throw new Error(`${command.type} by ${actor.userId} refused: ${out.refusal}`);
    state = out.state;
  }
  return state;
}
/** Ann and Ben in the call; Cal here but not in it. */
const inCall = () =>
  run([
    [{ type: 'join' }, ann],
    [{ type: 'join' }, ben],
    [{ type: 'join' }, cal],
    [{ type: 'callJoin', camera: false }, ann],
    [{ type: 'callJoin', camera: false }, ben],
  ]);

describe('recording the call', () => {
  it('starts only when everyone present agrees, asking counting as agreeing', () => {
    const asked = run([[{ type: 'recordAsk' }, ann]], inCall());
    expect(currentRecording(asked)).toMatchObject({ status: 'asking', answers: { ann: 'agree' } });
    const oneMore = run([[{ type: 'recordAnswer', agree: true }, ben]], asked);
    expect(currentRecording(oneMore)?.status).toBe('asking');
    // Cal is not in the call, but is here: the round waits for them too.
    const on = run([[{ type: 'recordAnswer', agree: true }, cal]], oneMore);
    expect(currentRecording(on)).toMatchObject({ status: 'on', recorded: ['ann', 'ben'] });
    expect(isRecorded(on, 'ann')).toBe(true);
    expect(isRecorded(on, 'cal')).toBe(false);
    // Cal joins the call: their device records them from then on.
    const calIn = run([[{ type: 'callJoin', camera: false }, cal]], on);
    expect(currentRecording(calIn)?.recorded).toEqual(['ann', 'ben', 'cal']);
    expect(isRecorded(calIn, 'cal')).toBe(true);
  });

  it('ends the round at one "no", forgetting whose it was', () => {
    const asked = run(
      [
        [{ type: 'recordAsk' }, ann],
        [{ type: 'recordAnswer', agree: false }, cal],
      ],
      inCall(),
    );
    expect(currentRecording(asked)).toBeNull();
    expect(asked.recordings.at(-1)).toMatchObject({ status: 'declined', answers: {} });
    expect(mayUpload(asked, asked.recordings.at(-1)?.id ?? '', 'ann')).toBe(false);
  });

  it('lets people who leave stop counting, and people who arrive join the round', () => {
    const asked = run(
      [
        [{ type: 'recordAsk' }, ann],
        [{ type: 'recordAnswer', agree: true }, ben],
        [{ type: 'leave' }, cal],
      ],
      inCall(),
    );
    expect(currentRecording(asked)?.status).toBe('on');
    // A late arrival is asked: until they agree they are left out, and saying no leaves it on.
    const late = run(
      [
        [{ type: 'join' }, cal],
        [{ type: 'callJoin', camera: false }, cal],
      ],
      asked,
    );
    expect(isRecorded(late, 'cal')).toBe(false);
    const no = run([[{ type: 'recordAnswer', agree: false }, cal]], late);
    expect(currentRecording(no)?.status).toBe('on');
    expect(isRecorded(no, 'cal')).toBe(false);
    const yes = run([[{ type: 'recordAnswer', agree: true }, cal]], no);
    expect(isRecorded(yes, 'cal')).toBe(true);
  });

  it('is stopped by anyone present, for everyone, and by the session ending', () => {
    const on = run(
      [
        [{ type: 'recordAsk' }, ann],
        [{ type: 'recordAnswer', agree: true }, ben],
        [{ type: 'recordAnswer', agree: true }, cal],
      ],
      inCall(),
    );
    const stopped = run([[{ type: 'recordStop' }, cal]], on);
    expect(currentRecording(stopped)).toBeNull();
    expect(stopped.recordings.at(-1)).toMatchObject({ status: 'stopped', stoppedBy: 'cal' });
    // What was recorded may still be uploaded.
    expect(mayUpload(stopped, on.recordings[0]?.id ?? '', 'ben')).toBe(true);
    expect(mayUpload(stopped, on.recordings[0]?.id ?? '', 'cal')).toBe(false);
    const ended = run(
      [
        [{ type: 'startPhase', index: 0 }, ann],
        [{ type: 'end' }, ann],
      ],
      on,
    );
    expect(ended.recordings.at(-1)?.status).toBe('stopped');
  });

  it('is asked for by someone in the call, one at a time, not by an outside observer', () => {
    const state = inCall();
    expect(applyCommand(state, { type: 'recordAsk' }, cal, 5)).toEqual({
      ok: false,
      refusal: 'not_in_call',
    });
    const withGuest = run(
      [
        [{ type: 'join' }, guest],
        [{ type: 'callJoin', camera: false }, guest],
      ],
      state,
    );
    expect(applyCommand(withGuest, { type: 'recordAsk' }, guest, 5)).toEqual({
      ok: false,
      refusal: 'recording_members_only',
    });
    const asked = run([[{ type: 'recordAsk' }, ann]], state);
    expect(applyCommand(asked, { type: 'recordAsk' }, ben, 5)).toEqual({
      ok: false,
      refusal: 'recording_under_way',
    });
    expect(applyCommand(state, { type: 'recordStop' }, ben, 5)).toEqual({
      ok: false,
      refusal: 'not_recording',
    });
    let many = state;
    for (let i = 0; i < RECORDINGS_MAX; i++) {
      many = run(
        [
          [{ type: 'recordAsk' }, ann],
          [{ type: 'recordStop' }, ann],
        ],
        many,
      );
    }
    expect(applyCommand(many, { type: 'recordAsk' }, ann, 5)).toEqual({
      ok: false,
      refusal: 'recording_limit',
    });
  });

  it('never runs without the agreement of everyone present when it started', () => {
    const people = [ann, ben, cal];
    const step = fc.tuple(
      fc.constantFrom(
        { type: 'join' } as const,
        { type: 'leave' } as const,
        { type: 'callJoin', camera: false } as const,
        { type: 'callLeave' } as const,
        { type: 'recordAsk' } as const,
        { type: 'recordAnswer', agree: true } as const,
        { type: 'recordAnswer', agree: false } as const,
        { type: 'recordStop' } as const,
      ),
      fc.constantFrom(...people),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = newRoom(PHASES, 'ann');
        let at = 0;
        for (const [command, actor] of steps) {
          at += 500;
          const out = applyCommand(state, command, actor, at);
          if (!out.ok) continue;
          const before = currentRecording(state);
          const after = currentRecording(out.state);
          if (after?.status === 'on' && before?.status !== 'on') {
            // It started: everyone here had agreed.
            for (const p of out.state.participants.filter((p) => p.present)) {
              expect(after.answers[p.userId]).toBe('agree');
            }
          }
          for (const r of out.state.recordings) {
            // Only people who agreed were ever recorded, and a "no" leaves no trace of whose.
            if (r.status === 'declined') expect(r.answers).toEqual({});
            if (r.status === 'asking') expect(r.recorded).toEqual([]);
          }
          for (const id of Object.keys(out.state.call)) {
            if (isRecorded(out.state, id)) {
              expect(currentRecording(out.state)?.answers[id]).toBe('agree');
            }
          }
          state = out.state;
        }
      }),
    );
  });
});
