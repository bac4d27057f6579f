/**
 * The live room as the server runs it: the session's state machine (live.ts) with small
 * groups (breakouts.ts) around it. Each small group's room is the plain machine; the main
 * room adds the small groups: commands for them, leaving the session leaving one's group
 * too, and the session's end bringing everyone back. Pure, like both.
 */
import { applyBreakouts, bringBack, leaveGroup } from './breakouts';
import { applyCall, CALL_TYPES, type CallCommand, followCall } from './call';
import {
  type Actor,
  apply,
  type Command,
  isFacilitator,
  type Outcome,
  type RoomState,
} from './live';
import {
  applyRecording,
  followRecording,
  RECORDING_TYPES,
  type RecordingCommand,
} from './recording';

const BREAKOUT_TYPES = new Set<Command['type']>([
  'proposeBreakouts',
  'chooseGroup',
  'placeInGroup',
  'cancelBreakouts',
  'startBreakouts',
  'inGroup',
  'agreeExtend',
  'shareNotes',
  'backToMain',
  'endBreakouts',
]);

type BreakoutsCommand = Parameters<typeof applyBreakouts>[1];

/** Applies one command to the main room at server time `at`: the one way rooms change. */
export function applyCommand(
  state: RoomState,
  command: Command,
  actor: Actor,
  at: number,
  seed = 1,
): Outcome {
  if (state.status === 'ended') return { ok: false, refusal: 'ended' };
  if (command.type === 'breakoutTick') {
    return applyBreakouts(state, command, actor, at, seed, false);
  }
  if (BREAKOUT_TYPES.has(command.type)) {
    const me = state.participants.find((p) => p.userId === actor.userId);
    if (!me?.present) return { ok: false, refusal: 'not_here' };
    return applyBreakouts(
      state,
      command as BreakoutsCommand,
      actor,
      at,
      seed,
      isFacilitator(state, actor),
    );
  }
  if (command.type === 'end' && state.breakouts && isFacilitator(state, actor)) {
    // Small groups never outlive the session: everyone comes back as it ends.
    return apply({ ...state, ...bringBack(state, state.breakouts, at) }, command, actor, at, seed);
  }
  if (CALL_TYPES.has(command.type)) {
    const me = state.participants.find((p) => p.userId === actor.userId);
    if (!me?.present) return { ok: false, refusal: 'not_here' };
    return withRecording(applyCall(state, command as CallCommand, actor, at), at);
  }
  if (RECORDING_TYPES.has(command.type)) {
    const me = state.participants.find((p) => p.userId === actor.userId);
    if (!me?.present) return { ok: false, refusal: 'not_here' };
    return applyRecording(state, command as RecordingCommand, actor, at);
  }
  const out = apply(state, command, actor, at, seed);
  if (!out.ok || out.state === state) return out;
  let after = out.state;
  if (command.type === 'leave' && state.breakouts) {
    // Leaving the session is leaving one's small group too.
    after = { ...after, ...leaveGroup(state, actor, at) };
  }
  // Leaving the session is leaving the call; a listen turn mutes the listeners.
  const call = followCall(state, after);
  return withRecording({ ok: true, state: call ? { ...after, ...call } : after }, at);
}

/** A recording follows the room: who is here, who is in the call, the session ending. */
function withRecording(out: Outcome, at: number): Outcome {
  if (!out.ok) return out;
  const recording = followRecording(out.state, at);
  return recording ? { ok: true, state: { ...out.state, ...recording } } : out;
}
