/**
 * The call inside a live session: who is in it and how (muted, camera, low bandwidth), and
 * how long each person was heard, as their own device measured it. Pure, like the room.
 *
 * - Mute is each person's own: nobody can unmute anyone. A listen turn starting mutes everyone
 *   in the call but the speaker, by default; each can unmute themselves.
 * - A device reports its person's total time heard so far; the room keeps the largest total
 *   each person has reported, so repeats, late reports and reconnects change nothing. A total
 *   can grow no faster than time passes since the last report (plus a little slack), and the
 *   growth is credited to the part under way.
 */
import { type Actor, type CallMember, next, type Outcome, type RoomState } from './live';
import type { LiveCommand } from './liveCommands';

/** The most people in one call: a mesh of six is five uplinks each. */
export const CALL_MAX = 6;

/** How far a device's report may run ahead of the server's clock between two reports. */
export const REPORT_SLACK_MS = 3_000;

export type CallCommand = Extract<
  LiveCommand,
  { type: 'callJoin' | 'callLeave' | 'callMedia' | 'heard' }
>;

export const CALL_TYPES = new Set<string>([
  'callJoin',
  'callLeave',
  'callMedia',
  'heard',
] satisfies CallCommand['type'][]);

/** Applies a call command from someone present in the room (the caller checked). */
export function applyCall(
  state: RoomState,
  command: CallCommand,
  actor: Actor,
  at: number,
): Outcome {
  const mine = state.call[actor.userId];
  switch (command.type) {
    case 'callJoin': {
      if (mine) {
        if (mine.camera === command.camera) return { ok: true, state };
        return next(state, {
          call: { ...state.call, [actor.userId]: { ...mine, camera: command.camera } },
        });
      }
      if (Object.keys(state.call).length >= CALL_MAX) return { ok: false, refusal: 'call_full' };
      // Joining while someone else has a listen turn: muted, like everyone listening.
      const listening =
        state.turn?.choice.mode === 'listen' && state.turn.speakerId !== actor.userId;
      const member: CallMember = {
        muted: listening,
        camera: command.camera,
        lowBandwidth: false,
        since: at,
        reportedAt: at,
      };
      return next(state, { call: { ...state.call, [actor.userId]: member } });
    }
    case 'callLeave':
      if (!mine) return { ok: true, state };
      return next(state, { call: without(state.call, actor.userId) });
    case 'callMedia': {
      if (!mine) return { ok: false, refusal: 'not_in_call' };
      const { muted, camera, lowBandwidth } = command;
      if (mine.muted === muted && mine.camera === camera && mine.lowBandwidth === lowBandwidth) {
        return { ok: true, state };
      }
      return next(state, {
        call: { ...state.call, [actor.userId]: { ...mine, muted, camera, lowBandwidth } },
      });
    }
    case 'heard': {
      if (!mine) return { ok: false, refusal: 'not_in_call' };
      const before = state.heardMs[actor.userId] ?? 0;
      const most = before + Math.max(0, at - mine.reportedAt) + REPORT_SLACK_MS;
      const total = Math.min(Math.floor(command.totalMs), most);
      if (total <= before) return { ok: true, state };
      const phaseId = state.phases[state.phaseIndex]?.id;
      const part = phaseId ? { ...(state.heardByPart[phaseId] ?? {}) } : null;
      if (part && phaseId) part[actor.userId] = (part[actor.userId] ?? 0) + (total - before);
      return next(state, {
        call: { ...state.call, [actor.userId]: { ...mine, reportedAt: at } },
        heardMs: { ...state.heardMs, [actor.userId]: total },
        ...(part && phaseId ? { heardByPart: { ...state.heardByPart, [phaseId]: part } } : {}),
      });
    }
  }
}

/**
 * What follows in the call from a change to the room: someone who left the session leaves the
 * call, and a listen turn starting mutes everyone in the call but its speaker.
 */
export function followCall(before: RoomState, after: RoomState): Partial<RoomState> | null {
  let call = after.call;
  for (const id of Object.keys(call)) {
    const person = after.participants.find((p) => p.userId === id);
    if (!person?.present) call = without(call, id);
  }
  const turn = after.turn;
  const started =
    turn !== null && (before.turn === null || before.turn.startedAt !== turn.startedAt);
  if (started && turn.choice.mode === 'listen') {
    for (const [id, member] of Object.entries(call)) {
      if (id !== turn.speakerId && !member.muted)
        call = { ...call, [id]: { ...member, muted: true } };
    }
  }
  return call === after.call ? null : { call };
}

function without(call: Record<string, CallMember>, userId: string): Record<string, CallMember> {
  const { [userId]: _gone, ...rest } = call;
  return rest;
}

/**
 * A person's time spoken over the session, by the same rule as `spokenInPart`: what was
 * counted, with each part their device measured counted as it heard them instead.
 */
export function spokenTotal(state: RoomState, userId: string): number {
  let total = state.spokenMs[userId] ?? 0;
  for (const [phaseId, heard] of Object.entries(state.heardByPart)) {
    const ms = heard[userId];
    if (ms !== undefined) total += ms - (state.spokenByPart[phaseId]?.[userId] ?? 0);
  }
  return total;
}

/** Whether this person's device measured them in this part (their time there is its count). */
export function measuredIn(state: RoomState, phaseId: string, userId: string): boolean {
  return state.heardByPart[phaseId]?.[userId] !== undefined;
}

/**
 * Time spoken per person in one part, for the record: what each person's device heard where
 * it measured them, and otherwise what the turns and the "who's speaking" control counted.
 */
export function spokenInPart(state: RoomState, phaseId: string): Record<string, number> {
  return { ...(state.spokenByPart[phaseId] ?? {}), ...(state.heardByPart[phaseId] ?? {}) };
}
